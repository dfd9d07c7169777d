"""Bjørgo's holistic model of crime prevention: the nine preventive mechanisms.

Source: T. Bjørgo, *Preventing Crime: A Holistic Approach*, Palgrave Macmillan 2016; the order
and wording follow the Norwegian Police University College's knowledge base
(domain/plan-casework.md §2). The list is fixed; a measure may activate several mechanisms.

The functions here are pure: they take plain tuples so they are tested without a database.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class Mechanism(models.TextChoices):
    """The nine preventive mechanisms, in Bjørgo's order (1–9)."""

    NORMATIVE_BARRIERS = "NORM", _("Establishing and maintaining normative barriers")
    REDUCING_RECRUITMENT = "RECRUIT", _("Reducing recruitment")
    DETERRENCE = "DETER", _("Deterrence")
    DISRUPTION = "DISRUPT", _("Disruption")
    INCAPACITATION = "INCAP", _("Incapacitation")
    PROTECTING_TARGETS = "PROTECT", _("Protecting vulnerable targets")
    REDUCING_REWARDS = "REWARD", _("Reducing the rewards")
    REDUCING_HARM = "HARM", _("Reducing harmful consequences")
    DESISTANCE = "DESIST", _("Desistance and rehabilitation")


MECHANISM_ORDER: tuple[str, ...] = tuple(Mechanism.values)


@dataclass(frozen=True)
class Tag:
    """One action tagged with one mechanism (as read from the database)."""

    action_id: int
    phenomenon: str
    mechanism: str
    budget: Decimal = Decimal(0)
    actors: tuple[str, ...] = ()
    strength: str = "primary"  # or "secondary": the action touches the mechanism on the side


@dataclass
class Cell:
    actions: set[int] = field(default_factory=set)
    budget: Decimal = Decimal(0)
    actors: set[str] = field(default_factory=set)
    primary: set[int] = field(default_factory=set)  # actions with this as a primary mechanism

    @property
    def count(self) -> int:
        return len(self.actions)


def matrix(tags: Iterable[Tag], phenomena: Iterable[str]) -> dict[str, dict[str, Cell]]:
    """Phenomenon × mechanism cells: distinct actions, their budget and their actors.

    An action's budget counts once per cell it appears in (an action serving two mechanisms
    shows its full budget in both), as the model asks where effort goes, not a split of it.
    """
    result: dict[str, dict[str, Cell]] = {
        phenomenon: {mechanism: Cell() for mechanism in MECHANISM_ORDER} for phenomenon in phenomena
    }
    for tag in tags:
        if tag.phenomenon not in result or tag.mechanism not in MECHANISM_ORDER:
            continue
        cell = result[tag.phenomenon][tag.mechanism]
        if tag.strength == "primary":
            cell.primary.add(tag.action_id)
        if tag.action_id not in cell.actions:
            cell.actions.add(tag.action_id)
            cell.budget += tag.budget
        cell.actors.update(tag.actors)
    return result


def gaps(cells: dict[str, dict[str, Cell]]) -> dict[str, list[str]]:
    """For each phenomenon, the mechanisms without any action (Bjørgo: every mechanism must be
    considered for each crime problem; an empty one is a gap to discuss, not necessarily fill)."""
    return {
        phenomenon: [m for m in MECHANISM_ORDER if row[m].count == 0]
        for phenomenon, row in cells.items()
    }


def secondary_only(cells: dict[str, dict[str, Cell]]) -> dict[str, list[str]]:
    """Mechanisms a phenomenon reaches only on the side (secondary tags, no primary action): not
    a gap, but thin cover worth a look."""
    return {
        phenomenon: [m for m in MECHANISM_ORDER if row[m].count and not row[m].primary]
        for phenomenon, row in cells.items()
    }


def balance(tags: Iterable[Tag]) -> dict[str, float]:
    """Share of the budget per mechanism, each action's budget split evenly over its primary
    mechanisms (counted once, never once per tag; 0 when nothing is budgeted).

    >>> from decimal import Decimal as D
    >>> tags = [Tag(1, "b", "DETER", D(100))] + [Tag(2, "b", m, D(10)) for m in MECHANISM_ORDER[:8]]
    >>> round(balance(tags)["DETER"], 3)
    0.92
    """
    primaries: dict[int, list[Tag]] = defaultdict(list)
    for tag in tags:
        if tag.strength == "primary" and tag.mechanism in MECHANISM_ORDER:
            primaries[tag.action_id].append(tag)
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for action_tags in primaries.values():
        mechanisms = {t.mechanism for t in action_tags}
        share = action_tags[0].budget / len(mechanisms)
        for mechanism in mechanisms:
            totals[mechanism] += share
    grand = sum(totals.values(), Decimal(0))
    return {m: float(totals[m] / grand) if grand else 0.0 for m in MECHANISM_ORDER}
