"""A realistic restitution for the export tests and the benchmark (fictional, no real person)."""

from __future__ import annotations

from datetime import UTC, datetime

from appsession.core.model import DecisionState, ItemKind
from appsession.export import (
    DecisionLine,
    ExportData,
    ExportItem,
    ExportSection,
    GroupValidation,
    ThemeMatrix,
    WarningLine,
)

MOMENT = datetime(2026, 6, 19, 14, 30, tzinfo=UTC)

SECTIONS: list[tuple[str, list[tuple[ItemKind, str]]]] = [
    (
        "Les limites du métier",
        [
            (
                ItemKind.ANALYSIS,
                "Les professionnel·les décrivent un écart croissant entre ce que le poste "
                "prévoit et ce que les situations exigent : accompagner des personnes dont les "
                "besoins relèvent du soin, du logement ou de la protection, sans relais "
                "disponible. La question « jusqu'où aller ? » revient à chaque séance.",
            ),
            (
                ItemKind.VERBATIM,
                "On finit par faire le travail de tout le monde, et le nôtre, on le fait mal.",
            ),
            (
                ItemKind.ACTION,
                "Formaliser, avec l'encadrement, ce qui relève du poste et ce qui doit être "
                "orienté, et le revoir une fois par an.",
            ),
        ],
    ),
    (
        "La relation aux usagers",
        [
            (
                ItemKind.ANALYSIS,
                "La relation reste le cœur du métier et ce qui tient les équipes. Les groupes "
                "ont travaillé des situations d'agressivité verbale à l'accueil, vécues comme "
                "d'autant plus difficiles qu'elles surviennent seul·e, en fin de journée.",
            ),
            (ItemKind.VERBATIM, "Quand la personne revient nous dire merci, ça tient une semaine."),
        ],
    ),
    (
        "L'organisation du travail",
        [
            (
                ItemKind.ANALYSIS,
                "Les outils de suivi et les tableaux de bord sont perçus comme pensés pour le "
                "reporting plutôt que pour l'accompagnement ; la saisie empiète sur le temps de "
                "rencontre.",
            ),
            (
                ItemKind.ACTION,
                "Associer deux professionnel·les volontaires à la prochaine évolution du "
                "logiciel de suivi.",
            ),
            (
                ItemKind.ACTION,
                "Garantir qu'aucun accueil ne se tienne seul·e après 17 h.",
            ),
        ],
    ),
]
THEMES = [
    "Les limites du métier",
    "La relation aux usagers",
    "Les partenaires défaillants",
    "L'organisation du travail",
    "Travailler seul·e sans binôme",
    "Reconnaissance et rémunération",
]


WARNED = (WarningLine("few-participants", "2"), WarningLine("site", "l'accueil de Murat"))


def sample_data(*, approved_only: bool = True, group: str = "") -> ExportData:
    """Three sections; in the group's version some items are not approved."""
    states = [
        DecisionState.APPROVED,
        DecisionState.AMENDED,
        DecisionState.PENDING,
        DecisionState.WITHHELD,
    ]
    sections = []
    number = 0
    for title, entries in SECTIONS:
        items = []
        for kind, text in entries:
            number += 1
            state = DecisionState.APPROVED if approved_only else states[number % len(states)]
            items.append(
                ExportItem(
                    number=number,
                    kind=kind,
                    text=text,
                    state=state,
                    own_group=number == 7,
                    groups=1 + number % 2,
                    includes_reader_group=True,
                    participants=2 + number % 6,
                    warnings=WARNED if number == 4 and not approved_only else (),
                    flags=("edited-since-approval",) if number == 3 and not approved_only else (),
                    decision=DecisionLine("Groupe Saint-Flour", state, 5, "2026-06-11")
                    if state is not DecisionState.PENDING
                    else None,
                )
            )
        sections.append(ExportSection(title, tuple(items)))
    matrix = ThemeMatrix(
        sessions=(1, 2, 3, 4, 5, 6),
        rows=tuple(
            (theme, tuple((i * 3 + s * 5) % 11 for s in range(6))) for i, theme in enumerate(THEMES)
        ),
    )
    return ExportData(
        title="Analyse des pratiques des travailleurs sociaux du Pôle solidarités",
        commissioner="Conseil départemental — Direction de l'action sociale",
        period="Septembre 2025 – juin 2026",
        facilitator="Claire Fontanel, psychologue",
        protocols=("APP — méthode de l'étude de cas",),
        sessions=12,
        groups=2,
        participants=17,
        sections=tuple(sections),
        validations=(
            GroupValidation("Groupe Saint-Flour", 6, "2026-06-11"),
            GroupValidation("Groupe Aurillac", 6, "2026-06-16"),
        ),
        matrix=matrix,
        exported_at=MOMENT,
        group=group,
    )
