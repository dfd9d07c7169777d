"""The default triage flow of domain/cpted.md §5.1 in Dutch, French and English, and the check
moments per phase (Overlasttoets: before the preliminary design closes, and again before final
design approval). Pure data; triage.py validates and evaluates it.

Thresholds are settings (BELIEVED defaults: UK crime-impact-statement triggers — 10 dwellings
(Fareham, Salford, Bradford, Craven), 1,000 m² (Fareham, Bradford; Salford uses 500), more than
50 parking spaces).
"""

from __future__ import annotations

from typing import Any


def _t(en: str, nl: str, fr: str) -> dict[str, str]:
    return {"en": en, "nl": nl, "fr": fr}


def _yes(then: str, reason: dict[str, str]) -> list[dict[str, Any]]:
    return [{"op": "is", "value": True, "then": then, "reason": reason}]


PROJECT_TYPES = {
    "public_space": _t("square / public space", "plein / publieke ruimte", "place / espace public"),
    "park": _t("park / green", "park / groen", "parc / espace vert"),
    "playground": _t("playground / sports ground", "speelplein / sportterrein", "aire de jeux"),
    "street": _t("street / road / cycle path", "straat / weg / fietspad", "rue / route / piste"),
    "parking": _t("parking", "parking", "parking"),
    "housing": _t("housing", "wonen", "logement"),
    "school": _t("school / childcare", "school / kinderopvang", "école / accueil d'enfants"),
    "community": _t(
        "community / culture / worship",
        "gemeenschap / cultuur / eredienst",
        "communauté / culture / culte",
    ),
    "retail": _t("retail / hospitality", "handel / horeca", "commerce / horeca"),
    "office": _t("office / industry", "kantoor / industrie", "bureau / industrie"),
    "transport_node": _t("transport node", "vervoersknooppunt", "nœud de transport"),
    "toilets": _t("public toilets", "openbaar toilet", "toilettes publiques"),
    "lighting": _t("lighting only", "enkel verlichting", "éclairage seul"),
    "other": _t("other", "andere", "autre"),
}


def default_flow(
    *, dwellings: int = 10, floor_area: float = 1000, parking: int = 50
) -> dict[str, Any]:
    """The default flow from domain/cpted.md §5.1 with the given thresholds."""
    area = f"{floor_area:g}"
    return {
        "version": "default-2",
        "start": "T15",
        "questions": {
            "T15": {
                "text": _t(
                    "Critical infrastructure or crowded place?",
                    "Kritieke infrastructuur of drukke plaats?",
                    "Infrastructure critique ou lieu de foule ?",
                ),
                "type": "bool",
                "rules": _yes(
                    "outcome:specialist",
                    _t(
                        "crowded place or critical infrastructure (CEN/TS 14383-2)",
                        "drukke plaats of kritieke infrastructuur (CEN/TS 14383-2)",
                        "lieu de foule ou infrastructure critique (CEN/TS 14383-2)",
                    ),
                ),
                "else": "T2",
            },
            "T2": {
                "text": _t("Works category", "Soort werken", "Catégorie de travaux"),
                "type": "choice",
                "choices": ["new_build", "redesign", "maintenance", "temporary"],
                "choice_labels": {
                    "new_build": _t("new build", "nieuwbouw", "construction neuve"),
                    "redesign": _t(
                        "redesign / refurbishment", "herinrichting / renovatie", "réaménagement"
                    ),
                    "maintenance": _t(
                        "like-for-like maintenance", "onderhoud (gelijk om gelijk)", "entretien"
                    ),
                    "temporary": _t(
                        "temporary / event", "tijdelijk / evenement", "temporaire / événement"
                    ),
                },
                "rules": [
                    {
                        "op": "in",
                        "value": ["maintenance"],
                        "then": "T10",
                        "reason": _t(
                            "like-for-like maintenance",
                            "onderhoud gelijk om gelijk",
                            "entretien à l'identique",
                        ),
                    }
                ],
                "else": "T1",
            },
            "T10": {
                "text": _t(
                    "Known crime or nuisance at the site",
                    "Gekende criminaliteit of overlast op de plek",
                    "Criminalité ou nuisances connues sur le site",
                ),
                "type": "choice",
                "choices": ["none", "low", "medium", "high"],
                "choice_labels": {
                    "none": _t("none", "geen", "aucune"),
                    "low": _t("low", "laag", "faible"),
                    "medium": _t("medium", "middelmatig", "moyenne"),
                    "high": _t("high", "hoog", "élevée"),
                },
                "rules": [
                    {
                        "op": "in",
                        "value": ["medium", "high"],
                        "then": "outcome:self_check",
                        "reason": _t(
                            "maintenance at a site with known problems",
                            "onderhoud op een plek met gekende problemen",
                            "entretien d'un site aux problèmes connus",
                        ),
                    }
                ],
                "else": "outcome:no_check",
                "else_reason": _t(
                    "maintenance, no known problems",
                    "onderhoud, geen gekende problemen",
                    "entretien, pas de problème connu",
                ),
            },
            "T1": {
                "text": _t("Project type", "Soort project", "Type de projet"),
                "type": "multi",
                "choices": list(PROJECT_TYPES),
                "choice_labels": PROJECT_TYPES,
                "rules": [
                    {
                        "op": "any",
                        "value": [
                            "public_space",
                            "park",
                            "playground",
                            "transport_node",
                            "toilets",
                        ],
                        "then": "outcome:full_check",
                        "reason": _t(
                            "public space, park, playground, transport node or toilets",
                            "publieke ruimte, park, speelplein, vervoersknooppunt of toilet",
                            "espace public, parc, aire de jeux, nœud de transport ou toilettes",
                        ),
                    }
                ],
                "else": "T4",
            },
            "T4": {
                "text": _t("Number of dwellings", "Aantal woningen", "Nombre de logements"),
                "type": "int",
                "rules": [
                    {
                        "op": ">=",
                        "value": dwellings,
                        "then": "outcome:full_check",
                        "reason": _t(
                            f"{dwellings} or more dwellings",
                            f"{dwellings} of meer woningen",
                            f"{dwellings} logements ou plus",
                        ),
                    }
                ],
                "else": "T5",
            },
            "T5": {
                "text": _t(
                    "Gross floor area (m²)",
                    "Bruto vloeroppervlakte (m²)",
                    "Surface brute de plancher (m²)",
                ),
                "type": "number",
                "rules": [
                    {
                        "op": ">=",
                        "value": floor_area,
                        "then": "outcome:full_check",
                        "reason": _t(
                            f"{area} m² or more", f"{area} m² of meer", f"{area} m² ou plus"
                        ),
                    }
                ],
                "else": "T6",
            },
            "T6": {
                "text": _t(
                    "Parking spaces created",
                    "Aantal nieuwe parkeerplaatsen",
                    "Places de stationnement créées",
                ),
                "type": "int",
                "rules": [
                    {
                        "op": ">",
                        "value": parking,
                        "then": "outcome:full_check",
                        "reason": _t(
                            f"more than {parking} parking spaces",
                            f"meer dan {parking} parkeerplaatsen",
                            f"plus de {parking} places de stationnement",
                        ),
                    }
                ],
                "else": "T7",
            },
            "T7": {
                "text": _t(
                    "Night-time or licensed uses",
                    "Nachtfuncties of drankvergunning",
                    "Activités nocturnes ou débits de boissons",
                ),
                "type": "bool",
                "rules": _yes(
                    "outcome:full_check",
                    _t(
                        "night-time or licensed uses",
                        "nachtfuncties of drankvergunning",
                        "activités nocturnes ou débits de boissons",
                    ),
                ),
                "else": "T8",
            },
            "T8": {
                "text": _t("Vulnerable users", "Kwetsbare gebruikers", "Usagers vulnérables"),
                "type": "bool",
                "rules": _yes(
                    "outcome:full_check",
                    _t("vulnerable users", "kwetsbare gebruikers", "usagers vulnérables"),
                ),
                "else": "T3",
            },
            "T3": {
                "text": _t(
                    "Changes publicly accessible space?",
                    "Wijzigt de publiek toegankelijke ruimte?",
                    "Modifie l'espace accessible au public ?",
                ),
                "type": "bool",
                "rules": _yes(
                    "outcome:self_check",
                    _t(
                        "changes public space",
                        "wijzigt de publieke ruimte",
                        "modifie l'espace public",
                    ),
                ),
                "else": "outcome:no_check",
                "else_reason": _t(
                    "no trigger applies", "geen enkele aanleiding", "aucun critère ne s'applique"
                ),
            },
        },
        "check_moments": CHECK_MOMENTS,
    }


_PRELIMINARY = _t(
    "before the preliminary design closes",
    "voor het voorontwerp wordt afgesloten",
    "avant la clôture de l'avant-projet",
)
_AGAIN_FINAL = _t(
    "again before final design approval",
    "opnieuw voor de goedkeuring van het definitief ontwerp",
    "à nouveau avant l'approbation du projet définitif",
)

#: When the check must happen, by current phase (Overlasttoets: before the preliminary design
#: closes, and again before final design approval). A flow document may carry its own.
CHECK_MOMENTS: dict[str, list[Any]] = {
    "idea": [_PRELIMINARY, _AGAIN_FINAL],
    "preliminary_design": [_PRELIMINARY, _AGAIN_FINAL],
    "final_design": [
        _t(
            "before final design approval",
            "voor de goedkeuring van het definitief ontwerp",
            "avant l'approbation du projet définitif",
        )
    ],
    "execution": [
        _t(
            "as a site check during execution (late: advice can only adjust details)",
            "als werfcontrole tijdens de uitvoering (laat: het advies kan enkel details bijsturen)",
            "comme contrôle de chantier pendant l'exécution (tardif : l'avis ne peut "
            "qu'ajuster des détails)",
        )
    ],
    "management": [_t("as a management review", "als beheersevaluatie", "comme revue de gestion")],
}
