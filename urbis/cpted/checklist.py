"""The default checklist (template ``iso22341``), built on ISO 22341:2021 §5.2: six physical and
four social strategies, with items drawn from the sources of domain/cpted.md (§1.1 Overlasttoets
criteria, §1.3 ZETA, §2.2 CEN/TR 14383-2 Annex C, §3 audit tools). Content is data: a city adds
a new template version instead of editing this one.

Each item: (code, strategy, question, guidance, evidence, time of day, critical, weight, source).
"""

from __future__ import annotations

CODE = "iso22341"
VERSION = "2026-1"
NAME = "CPTED check (ISO 22341 strategies)"
NAME_TRANSLATIONS = {
    "name_nl": "CPTED-toets (ISO 22341-strategieën)",
    "name_fr": "Contrôle CPTED (stratégies ISO 22341)",
}

ITEMS: list[tuple[str, str, str, str, list[str], str, bool, float, str]] = [
    (
        "NS-01",
        "natural_surveillance",
        "Are all publicly accessible parts overlooked from dwellings or active functions?",
        "No blank façades along walking routes; windows and entrances face the space.",
        ["plan_review", "site_visit"],
        "both",
        True,
        2.0,
        "ISO 22341:2021 5.2; Overlasttoets criterion 2 (domain §1.1)",
    ),
    (
        "NS-02",
        "natural_surveillance",
        "Are sightlines open (planting below 1 m, tree crowns above 2 m)?",
        "Check hedges, walls and furniture that block the view along routes.",
        ["site_visit", "photo"],
        "day",
        False,
        1.0,
        "ZETA zichtbaarheid (domain §1.3)",
    ),
    (
        "NS-03",
        "natural_surveillance",
        "Is the lighting even, without dark spots, along the main routes?",
        "Walk the routes after dark; note dark corners and glare.",
        ["night_visit", "photo"],
        "night",
        True,
        2.0,
        "ISO 22341:2021 5.2.2 (lighting); Auckland safety audit (domain §3)",
    ),
    (
        "NS-04",
        "natural_surveillance",
        "Are there no entrapment spots or concealed dead ends?",
        "An entrapment spot is a dead end or concealed area with limited visibility.",
        ["site_visit"],
        "both",
        True,
        1.5,
        "CEN/TR 14383-2 Annex C.3 (isolation); Auckland definitions (domain §3)",
    ),
    (
        "AC-01",
        "access_control",
        "Are entrances recognisable and is the public/private boundary clear?",
        "Hedges, planting or fencing steer access without creating hiding places.",
        ["plan_review", "site_visit"],
        "day",
        False,
        1.0,
        "Overlasttoets criterion 1 (domain §1.1)",
    ),
    (
        "AC-02",
        "access_control",
        "Are there alternative routes and escape routes (no movement predictors)?",
        "A movement predictor is a route with limited entrances and exits.",
        ["plan_review"],
        "both",
        False,
        1.0,
        "CEN/TR 14383-2 Annex C.3 (lack of alternative routes)",
    ),
    (
        "TR-01",
        "territorial_reinforcement",
        "Does the design express ownership and care (clear zoning, eenduidigheid)?",
        "Users should see at once who the space belongs to and what it is for.",
        ["plan_review", "site_visit"],
        "day",
        False,
        1.0,
        "ZETA eenduidigheid (domain §1.3); ISO 22341:2021 5.2",
    ),
    (
        "MM-01",
        "maintenance",
        "Is there a management and maintenance plan (who cleans, repairs, prunes)?",
        "Budget and owner after the contract ends; VER module Beheerplan.",
        ["plan_review"],
        "day",
        True,
        1.5,
        "VER Beheerplan (domain §1.3); Overlasttoets criterion 3",
    ),
    (
        "MM-02",
        "maintenance",
        "Are materials and furniture robust against vandalism and easy to repair?",
        "",
        ["plan_review", "site_visit"],
        "day",
        False,
        1.0,
        "CEN/TR 14383-2 Annex C.2 (vandalism and poor maintenance)",
    ),
    (
        "AS-01",
        "activity_support",
        "Is there a balance of functions that keeps the space used at different hours?",
        "E.g. kick-about pitch vs dog park; seating with several exits.",
        ["plan_review", "user_input"],
        "both",
        False,
        1.0,
        "Overlasttoets criterion 3 (domain §1.1); Essex Design Guide (domain §3)",
    ),
    (
        "TH-01",
        "target_hardening",
        "Are vulnerable targets (bike parking, cash machines, shop fronts) protected?",
        "Locks, anchoring, robust glazing where a target is unavoidable.",
        ["plan_review"],
        "both",
        False,
        1.0,
        "ISO 22341:2021 5.2 (target hardening); Bradford triggers (domain §1.4)",
    ),
    (
        "SC-01",
        "social_cohesion",
        "Were residents and users involved in the design?",
        "Participation moments, residents' input recorded.",
        ["user_input"],
        "day",
        False,
        1.0,
        "ISO 22341:2021 5.2 (social cohesion); Overlasttoets method",
    ),
    (
        "CN-01",
        "connectivity",
        "Is the site linked to the surrounding networks (routes, neighbourhood services)?",
        "",
        ["plan_review"],
        "day",
        False,
        1.0,
        "ISO 22341:2021 5.2.2 (link new development to its surroundings)",
    ),
    (
        "CC-01",
        "community_culture",
        "Does the design leave room for shared events and local identity?",
        "",
        ["plan_review", "user_input"],
        "day",
        False,
        1.0,
        "ISO 22341:2021 5.2 (community culture)",
    ),
    (
        "TC-01",
        "threshold_capacity",
        "Does the site avoid concentrating nuisance-generating uses?",
        "Several late-night or licensed uses side by side tip a place over its threshold.",
        ["police_data", "plan_review"],
        "night",
        False,
        1.0,
        "ISO 22341:2021 5.2 (threshold capacity); Fareham/Bradford triggers (domain §1.4)",
    ),
]

#: Dutch and French texts of the items: code → language → (question, guidance). An empty
#: guidance stays empty; a missing translation shows the English text.
TRANSLATIONS: dict[str, dict[str, tuple[str, str]]] = {
    "NS-01": {
        "nl": (
            "Worden alle publiek toegankelijke delen overzien vanuit woningen of actieve functies?",
            "Geen blinde gevels langs looproutes; ramen en ingangen zijn naar de ruimte gericht.",
        ),
        "fr": (
            "Toutes les parties accessibles au public sont-elles vues depuis des logements ou "
            "des fonctions actives ?",
            "Pas de façades aveugles le long des cheminements ; fenêtres et entrées donnent sur "
            "l'espace.",
        ),
    },
    "NS-02": {
        "nl": (
            "Zijn de zichtlijnen open (beplanting lager dan 1 m, boomkruinen hoger dan 2 m)?",
            "Controleer hagen, muren en meubilair die het zicht langs routes belemmeren.",
        ),
        "fr": (
            "Les lignes de vue sont-elles dégagées (plantations sous 1 m, couronnes des arbres "
            "au-dessus de 2 m) ?",
            "Vérifiez les haies, murs et mobilier qui bloquent la vue le long des parcours.",
        ),
    },
    "NS-03": {
        "nl": (
            "Is de verlichting gelijkmatig, zonder donkere plekken, langs de hoofdroutes?",
            "Loop de routes na donker; noteer donkere hoeken en verblinding.",
        ),
        "fr": (
            "L'éclairage est-il uniforme, sans zones sombres, le long des parcours principaux ?",
            "Parcourez les itinéraires de nuit ; notez les recoins sombres et l'éblouissement.",
        ),
    },
    "NS-04": {
        "nl": (
            "Zijn er geen insluitplekken of verdoken doodlopende hoeken?",
            "Een insluitplek is een doodlopende of verdoken plek met beperkt zicht.",
        ),
        "fr": (
            "L'espace est-il exempt de pièges et de culs-de-sac dissimulés ?",
            "Un piège est un cul-de-sac ou un endroit caché à la visibilité limitée.",
        ),
    },
    "AC-01": {
        "nl": (
            "Zijn ingangen herkenbaar en is de grens tussen publiek en privé duidelijk?",
            "Hagen, beplanting of afsluitingen sturen de toegang zonder schuilplaatsen te maken.",
        ),
        "fr": (
            "Les entrées sont-elles reconnaissables et la limite public/privé est-elle claire ?",
            "Haies, plantations ou clôtures orientent l'accès sans créer de cachettes.",
        ),
    },
    "AC-02": {
        "nl": (
            "Zijn er alternatieve routes en vluchtwegen (geen voorspelbare looplijnen)?",
            "Een voorspelbare looplijn is een route met weinig in- en uitgangen.",
        ),
        "fr": (
            "Existe-t-il des itinéraires alternatifs et des voies de fuite (pas de parcours "
            "prévisibles) ?",
            "Un parcours prévisible est un itinéraire avec peu d'entrées et de sorties.",
        ),
    },
    "TR-01": {
        "nl": (
            "Drukt het ontwerp eigenaarschap en zorg uit (duidelijke zonering, eenduidigheid)?",
            "Gebruikers zien meteen van wie de ruimte is en waarvoor ze dient.",
        ),
        "fr": (
            "La conception exprime-t-elle appropriation et soin (zonage clair, lisibilité) ?",
            "Les usagers voient d'emblée à qui appartient l'espace et à quoi il sert.",
        ),
    },
    "MM-01": {
        "nl": (
            "Is er een beheer- en onderhoudsplan (wie reinigt, herstelt, snoeit)?",
            "Budget en eigenaar na afloop van het contract; VER-module Beheerplan.",
        ),
        "fr": (
            "Existe-t-il un plan de gestion et d'entretien (qui nettoie, répare, taille) ?",
            "Budget et responsable après la fin du contrat ; module VER Beheerplan.",
        ),
    },
    "MM-02": {
        "nl": (
            "Zijn materialen en meubilair bestand tegen vandalisme en makkelijk te herstellen?",
            "",
        ),
        "fr": (
            "Les matériaux et le mobilier résistent-ils au vandalisme et sont-ils faciles à "
            "réparer ?",
            "",
        ),
    },
    "AS-01": {
        "nl": (
            "Is er een evenwicht van functies dat de ruimte op verschillende uren gebruikt houdt?",
            "Bv. trapveldje tegenover hondenweide; zitplekken met meerdere uitwegen.",
        ),
        "fr": (
            "Y a-t-il un équilibre des fonctions qui maintient l'espace utilisé à différentes "
            "heures ?",
            "P. ex. terrain de foot contre parc à chiens ; assises avec plusieurs issues.",
        ),
    },
    "TH-01": {
        "nl": (
            "Zijn kwetsbare doelwitten (fietsenstallingen, geldautomaten, etalages) beschermd?",
            "Sloten, verankering, stevige beglazing waar een doelwit onvermijdelijk is.",
        ),
        "fr": (
            "Les cibles vulnérables (parkings vélos, distributeurs, vitrines) sont-elles "
            "protégées ?",
            "Serrures, ancrages, vitrage résistant là où une cible est inévitable.",
        ),
    },
    "SC-01": {
        "nl": (
            "Werden bewoners en gebruikers bij het ontwerp betrokken?",
            "Participatiemomenten, inbreng van bewoners vastgelegd.",
        ),
        "fr": (
            "Les habitants et usagers ont-ils été associés à la conception ?",
            "Moments de participation, apports des habitants consignés.",
        ),
    },
    "CN-01": {
        "nl": (
            "Is de plek verbonden met de omliggende netwerken (routes, buurtvoorzieningen)?",
            "",
        ),
        "fr": (
            "Le site est-il relié aux réseaux environnants (itinéraires, services de quartier) ?",
            "",
        ),
    },
    "CC-01": {
        "nl": ("Laat het ontwerp ruimte voor gedeelde activiteiten en lokale identiteit?", ""),
        "fr": (
            "La conception laisse-t-elle place aux événements partagés et à l'identité locale ?",
            "",
        ),
    },
    "TC-01": {
        "nl": (
            "Vermijdt de plek een concentratie van overlastgevende functies?",
            "Meerdere nacht- of drankgelegenheden naast elkaar brengen een plek over haar "
            "draagkracht.",
        ),
        "fr": (
            "Le site évite-t-il de concentrer des activités génératrices de nuisances ?",
            "Plusieurs établissements nocturnes ou débits de boissons côte à côte font basculer "
            "un lieu au-delà de sa capacité.",
        ),
    },
}


def translated_fields(code: str) -> dict[str, str]:
    """The Dutch and French fields of the default item ``code`` (models.ChecklistItem)."""
    fields = {}
    for language, (question, guidance) in TRANSLATIONS.get(code, {}).items():
        fields[f"question_{language}"] = question
        fields[f"guidance_{language}"] = guidance
    return fields
