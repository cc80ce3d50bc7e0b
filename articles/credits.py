"""Who an article credits, re-derived from its byline after an editor changes it.

The parser's byline grammar decides, so an editor's byline reads exactly as an imported one.
:func:`credits_in_byline` is the one place that calls into ``articles/parsing`` for this, and
only through its public byline functions, whatever the grammar inside them becomes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import transaction

from articles.models import Article, Credit, Person, PersonAlias, Role
from articles.parsing import Credit as ParsedCredit
from articles.parsing.bylines import split_end_byline, split_start_byline, standalone_byline

ROLES = set(Role.values)
NAME_LENGTH = Person._meta.get_field("name").max_length
PRINTED_LENGTH = Credit._meta.get_field("printed_role").max_length
# A byline an editor types may hold several printed pieces (``本报讯(记者 王一) (通讯员 李二)``):
# bracketed groups and the text between them are read one by one when the whole is not one.
_PIECES = re.compile(r"[(（【][^()（）【】]*[)）】]|[^(（【]+")


def credits_in_byline(byline: str) -> list[ParsedCredit]:
    """The people a byline credits, in printed order, once per name and role."""
    text = " ".join((byline or "").split())
    if not text:
        return []
    found = _read(text)
    if found is None:
        found = []
        for piece in (p.strip() for p in _PIECES.findall(text)):
            found.extend(_read(piece) or [])
    return list({(c.name, c.role): c for c in reversed(found)}.values())[::-1]


def _read(text: str) -> list[ParsedCredit] | None:
    whole = standalone_byline(text)
    if whole is not None and whole[0]:
        return whole[0]
    # ``本报讯 记者 王一 通讯员 李二``: a dateline, then names that read as a byline alone.
    for head, tail in _cuts(text):
        lead, rest = standalone_byline(head), standalone_byline(tail)
        if lead is not None and rest is not None and rest[0]:
            return lead[0] + rest[0]
    start = split_start_byline(text)
    if start is not None and start[1]:
        _, credits, rest = start
        return credits + ((_read(rest) or []) if rest else [])
    # A closing signature (``记者 王一 摄``) is read as what follows a sentence.
    end = split_end_byline("。" + text)
    if end is not None and end[0] == "。":
        return end[2]
    return [] if whole is not None else None


def _cuts(text: str, most: int = 3):
    """(before, after) at each of the first few spaces."""
    at = -1
    for _ in range(most):
        at = text.find(" ", at + 1)
        if at < 0:
            return
        yield text[:at], text[at + 1 :]


@dataclass(frozen=True)
class CreditPreview:
    name: str  # the person as stored: an alias is shown under the name it was merged into
    printed_name: str
    role: str
    printed_role: str
    new_person: bool


def preview(byline: str) -> list[CreditPreview]:
    """Who saving this byline will credit, without writing anything."""
    credits = _stored_form(credits_in_byline(byline))
    names = {name for name, *_ in credits}
    people = set(Person.objects.filter(name__in=names).values_list("name", flat=True))
    aliases = dict(PersonAlias.objects.filter(name__in=names).values_list("name", "person__name"))
    return [
        CreditPreview(
            name=aliases.get(name, name),
            printed_name=name,
            role=role,
            printed_role=printed,
            new_person=name not in people and name not in aliases,
        )
        for name, role, printed in credits
    ]


def _stored_form(credits: list[ParsedCredit]) -> list[tuple[str, str, str]]:
    """(name, role, printed role) clipped and normalised as the importer stores them."""
    stored = []
    for credit in credits:
        name = credit.name.strip()[:NAME_LENGTH]
        role = credit.role if credit.role in ROLES else Role.OTHER
        printed = credit.printed_role or (credit.role if role == Role.OTHER else "")
        if name:
            stored.append((name, role, printed[:PRINTED_LENGTH]))
    return stored


def person_named(name: str) -> Person:
    """The person a printed name credits: a merged spelling finds the person it went to."""
    alias = PersonAlias.objects.select_related("person").filter(name=name).first()
    if alias is not None:
        return alias.person
    person, _ = Person.objects.get_or_create(name=name)
    return person


@transaction.atomic
def rederive_credits(article: Article) -> list[Credit]:
    """Replace the credits read from the byline; credits an editor added stay, after them."""
    hand = list(article.credits.filter(by_hand=True).order_by("order", "pk"))
    replaced = list(article.credits.filter(by_hand=False))
    old_people = {credit.person_id for credit in replaced}
    for credit in replaced:
        credit.delete()  # one by one: each delete enqueues the article for the index
    taken = {(credit.person_id, credit.role) for credit in hand}
    created = []
    for name, role, printed in _stored_form(credits_in_byline(article.byline)):
        person = person_named(name)
        if (person.pk, role) in taken:
            continue
        taken.add((person.pk, role))
        created.append(
            Credit.objects.create(
                article=article,
                person=person,
                role=role,
                printed_role=printed,
                order=len(created),
            )
        )
    for offset, credit in enumerate(hand, start=len(created)):
        if credit.order != offset:
            credit.order = offset
            credit.save(update_fields=["order"])
    forget_uncredited(old_people)
    return created + hand


def forget_uncredited(person_ids) -> None:
    """People left without any credit (and no other spellings) leave the people pages."""
    if person_ids:
        Person.objects.filter(
            pk__in=person_ids, credits__isnull=True, aliases__isnull=True
        ).delete()
