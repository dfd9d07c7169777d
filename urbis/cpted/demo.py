"""Demo CPTED portfolio for the sample Mechelen: four projects triaged with the default flow,
one checked with a night walk, ratings, a red flag and recommendations."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from urbis.core.models import Organisation, User
from urbis.cpted import services
from urbis.cpted.models import InvestmentProject

PROJECTS: list[dict[str, Any]] = [
    {
        "name": "Woonproject Vijfhoek (demo)",
        "project_type": "housing",
        "dwellings": 36,
        "floor_area": 3200,
        "parking_spaces": 20,
        "phase": "preliminary_design",
        "location": {
            "type": "Polygon",
            "coordinates": [
                [
                    [4.4860, 51.0300],
                    [4.4890, 51.0300],
                    [4.4890, 51.0318],
                    [4.4860, 51.0318],
                    [4.4860, 51.0300],
                ]
            ],
        },
        "answers": {"T15": False, "T2": "new_build", "T1": ["housing"], "T4": 36},
    },
    {
        "name": "Herinrichting Kruidtuin (demo)",
        "project_type": "park",
        "phase": "idea",
        "location": {"type": "Point", "coordinates": [4.4790, 51.0237]},
        "answers": {"T15": False, "T2": "redesign", "T1": ["park"]},
    },
    {
        "name": "Fietsenstalling station (demo)",
        "project_type": "parking",
        "parking_spaces": 0,
        "phase": "final_design",
        "location": {"type": "Point", "coordinates": [4.4826, 51.0175]},
        "answers": {
            "T15": False,
            "T2": "new_build",
            "T1": ["parking"],
            "T4": 0,
            "T5": 0,
            "T6": 0,
            "T7": False,
            "T8": False,
            "T3": True,
        },
    },
    {
        "name": "Vernieuwing straatverlichting Battel (demo)",
        "project_type": "lighting",
        "phase": "execution",
        "location": {"type": "Point", "coordinates": [4.4600, 51.0500]},
        "answers": {"T15": False, "T2": "maintenance", "T10": "none"},
    },
]


def load_cpted_demo(actor: Any) -> str:
    if InvestmentProject.objects.filter(name=PROJECTS[0]["name"]).exists():
        return "already loaded"
    department = Organisation.objects.filter(short_name="Stadsontw.").first()
    planner = User.objects.filter(username="planner").first()
    advisor = User.objects.filter(username="cpted").first()
    if department is None or planner is None or advisor is None:
        return "skipped: load the core demo first"
    with transaction.atomic():
        projects = []
        for spec in PROJECTS:
            data = dict(spec)
            answers = data.pop("answers")
            project = services.project_create(
                actor=planner, department=department, project_leader=planner, **data
            )
            services.triage_record(actor=planner, project=project, answers=answers)
            projects.append(project)
        housing = projects[0]
        assessment = services.assessment_start(
            actor=advisor,
            project=housing,
            template=services.checklist_default(),
            zones=["Binnenkoer", "Straatkant"],
        )
        services.visit_record(
            actor=advisor,
            assessment=assessment,
            kind="night",
            date=timezone.localdate() - dt.timedelta(days=3),
            participants=(
                "Bart Claes (preventie), Lotte Wouters (stadsontwikkeling), politie CP-UDP"
            ),
            notes="Wandeling vanaf 21 uur; doorgang naar de binnenkoer onverlicht.",
        )
        zones = {z.name: z for z in assessment.zones.all()}
        items = {i.code: i for i in assessment.template.items.all()}
        ratings = [
            ("NS-01", "Binnenkoer", 4, ""),
            ("NS-03", "Binnenkoer", 2, "De doorgang naar de binnenkoer is donker."),
            ("NS-02", "Straatkant", 4, ""),
            ("AC-01", "Straatkant", 3, "Ingang niet herkenbaar vanaf de straat."),
            ("MM-01", "Binnenkoer", 3, "Wie het onderhoud draagt, is nog niet beslist."),
        ]
        for code, zone, value, note in ratings:
            services.rating_record(
                actor=advisor,
                assessment=assessment,
                item=items[code],
                zone=zones[zone],
                value=value,
                note=note,
                lat=51.0309,
                lon=4.4875,
            )
        services.recommendation_create(
            actor=advisor,
            project=housing,
            assessment=assessment,
            item=items["AC-01"],
            text="Markeer de ingang van de binnenkoer met een poort en beplanting.",
            kind="access_control",
            department=department,
            quick_win=True,
        )
        services.assessment_complete(
            actor=advisor,
            assessment=assessment,
            summary=(
                "Goed natuurlijk toezicht; de doorgang naar de binnenkoer is 's nachts "
                "onverlicht (rode vlag)."
            ),
            signed_off_by="Bart Claes",
            management_plan="De groendienst snoeit de hagen twee keer per jaar.",
            accept_low_coverage=True,  # the demo check rates a few items only
        )
    return f"{len(projects)} CPTED projects, 1 check"
