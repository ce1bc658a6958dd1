"""E-mails, phones, NIR, IBAN, other numbers, plates, dates and addresses, French formats first."""

from __future__ import annotations

import re

import pytest

from appsession.anonymise import patterns
from appsession.anonymise.spans import Label


def found(text: str, label: Label) -> list[str]:
    """Texts of the hits of one label, the longest first at each place."""
    hits = sorted(
        (h for h in patterns.find_all(text) if h.label is label), key=lambda h: (h.start, -h.end)
    )
    kept: list[str] = []
    end = -1
    for hit in hits:
        if hit.start >= end:
            kept.append(text[hit.start : hit.end])
            end = hit.end
    return kept


@pytest.mark.parametrize(
    ("text", "email"),
    [
        ("écrit depuis jm.delpuech63@orange.fr, en majuscules", "jm.delpuech63@orange.fr"),
        ("Son mail : JORDAN.B15@HOTMAIL.FR, son portable", "JORDAN.B15@HOTMAIL.FR"),
        ("son mail, nadia.b63 arobase sfr.fr, elle veut", "nadia.b63 arobase sfr.fr"),
        ("maryse.d59 at laposte.net transmis", "maryse.d59 at laposte.net"),
        ("écrire à paul.l(at)free(dot)fr demain", "paul.l(at)free(dot)fr"),
        ("contact : l.martin @ wanadoo.fr", "l.martin @ wanadoo.fr"),
        ("adresse f.lacombe-rigal@free.fr.", "f.lacombe-rigal@free.fr"),
        ("lea.dupont arobase gmail point com", "lea.dupont arobase gmail point com"),
    ],
)
def test_emails_plain_and_obfuscated(text: str, email: str) -> None:
    assert found(text, Label.EMAIL) == [email]


@pytest.mark.parametrize(
    "phone",
    [
        "06 39 98 41 27",
        "04.65.71.22.08",
        "0639981203",
        "+33 6 39 98 55 10",
        "+33 (0)6 39 98 55 10",
        "0033 6 39 98 55 10",
        "06-39-98-33-02",
        "06/39/98/33/02",
        "+32 470 12 34 56",
    ],
)
def test_french_phone_numbers_in_every_format(phone: str) -> None:
    assert found(f"il appelle depuis le {phone}, tous les soirs", Label.PHONE) == [phone]


@pytest.mark.parametrize(
    "text",
    [
        "j'appelle le 115 avec lui",
        "au 3230, on répond que le dossier est en cours",
        "le 3114 ou le 119",
        "un indu de 2 300 €",
        "30 000 € de subvention",
        "Pause à 10h35, reprise à 10h50",
        "de 2 à 11 ans, 42 communes, 15 km",
    ],
)
def test_short_numbers_amounts_and_times_are_not_identifiers(text: str) -> None:
    assert patterns.find_all(text) == []


def nir_with_key(first13: str) -> str:
    number = int(first13.replace("2A", "19").replace("2B", "18"))
    return first13 + f"{97 - number % 97:02d}"


@pytest.mark.parametrize(
    "first13", ["1631163113212", "2380315187046", "1840275056123", "290052A123456"]
)
def test_nir_key_is_checked(first13: str) -> None:
    good = nir_with_key(first13)
    match = patterns.NIR.search(good)
    assert match is not None
    assert patterns.nir_valid(match)
    bad = good[:-2] + f"{(int(good[-2:]) + 1) % 97:02d}"
    bad_match = patterns.NIR.search(bad)
    assert bad_match is not None
    assert not patterns.nir_valid(bad_match)


@pytest.mark.parametrize(
    "nir", ["1 63 11 63 113 212 78", "2 38 03 15 187 046 76", "163041516203170", "2 45 06 15 120"]
)
def test_nir_in_spaced_compact_and_keyless_forms_is_an_id(nir: str) -> None:
    assert found(f"sécu : {nir}, vérifiez", Label.ID) == [nir]


def test_iban_checksum() -> None:
    assert patterns.iban_valid("FR76 1680 6000 3147 0215 8937 424")
    assert patterns.iban_valid("FR1420041010050500013M02606")
    assert not patterns.iban_valid("FR76 1680 6000 3147 0215 8937 425")
    text = "nouvel IBAN FR76 1680 6000 3147 0215 8937 424 »"
    assert found(text, Label.ID) == ["FR76 1680 6000 3147 0215 8937 424"]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Son numéro alloc c'est le 2847193, je le connais", "2847193"),
        ("le numéro allocataire de Mme K. (0612873)", "0612873"),
        ("numéro fiscal 30 71 482 906 153, sécu", "30 71 482 906 153"),
        ("SIRET 412 877 060 00019, PACAGE", "412 877 060 00019"),
        ("PACAGE 015123874, tél.", "015123874"),
        ("son identifiant France Travail (5839021R)", "5839021R"),
        ("collé sur son écran : 4471290F.", "4471290F"),
        ("Dossier n° 2023-004521.", "2023-004521"),
        ("INE 1234567890F.", "1234567890F"),
        ("Instagram @kev_dupont29, Facebook", "@kev_dupont29"),
    ],
)
def test_other_identifying_numbers(text: str, number: str) -> None:
    assert number in found(text, Label.ID)


def test_siret_and_siren_are_recognised_by_their_luhn_key() -> None:
    assert patterns.luhn_valid("41287706000019")
    assert not patterns.luhn_valid("41287706000018")
    hits = patterns.find_all("SIRET 412 877 060 00019")
    assert any(hit.kind == "siret" for hit in hits)


@pytest.mark.parametrize(
    ("text", "plate"),
    [
        ("une Clio grise immatriculée EK-391-PZ, sur le parking", "EK-391-PZ"),
        ("plaque AB 123 CD", "AB 123 CD"),
        ("sa voiture, 1234 AB 15, est en panne", "1234 AB 15"),
    ],
)
def test_licence_plates(text: str, plate: str) -> None:
    assert found(text, Label.ID) == [plate]


def test_an_old_format_plate_needs_a_vehicle_nearby() -> None:
    assert found("il a pris 12 AB 15 fois", Label.ID) == []


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("je suis né le 21/11/63, j'ai cotisé", "21/11/63"),
        ("née le 2 mars 1938", "2 mars 1938"),
        ("depuis sa chute du 5 novembre c'est la nièce", "5 novembre"),
        ("né le 04/08/2002", "04/08/2002"),
        ("veuve depuis le 11 novembre 2021.", "11 novembre 2021"),
        ("le 1er avril 1990", "1er avril 1990"),
        ("né le premier mars", "premier mars"),
        ("né le vingt et un novembre 1963", "vingt et un novembre 1963"),
        ("le 17.06.1945", "17.06.1945"),
        ("le 3 oct. il est parti", "3 oct."),
        ("née en 1945, veuve", "1945"),
        ("né en mars 1963", "mars 1963"),
        ("IP envoyée le 12/02.", "12/02"),
    ],
)
def test_dates_of_birth_and_events_in_figures_and_words(text: str, date: str) -> None:
    assert found(text, Label.DATE) == [date]


@pytest.mark.parametrize(
    "text",
    [
        "en arrêt depuis mi-septembre",
        "il reprend en janvier",
        "à 10h35",
        "en 2019 et 2020",
        "une note de 12/20",
    ],
)
def test_vague_times_are_not_dates(text: str) -> None:
    assert found(text, Label.DATE) == []


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Elle habite au 12 rue des Tilleuls à Montbrugnac", "12 rue des Tilleuls"),
        ("Lui habite 27 route de Condat, à la sortie", "27 route de Condat"),
        ("veuve, 8 chemin des Écoliers, vient", "8 chemin des Écoliers"),
        ("(112 cours Lafayette, 69003 Lyon, mail)", "112 cours Lafayette, 69003 Lyon"),
        (
            "Adresse : 3 impasse du Lavoir, 15190 Auzolles, une maison",
            "3 impasse du Lavoir, 15190 Auzolles",
        ),
        ("un T3 au 5 bis rue du Four qui se libère", "5 bis rue du Four"),
        ("Adresse : 4 place de l'Église, Chastel-Rhue.", "4 place de l'Église, Chastel-Rhue"),
        (
            "PACAGE 015123874, La Bessaire, 15190 Chastel-Rhue, tél.",
            "La Bessaire, 15190 Chastel-Rhue",
        ),
        ("au 14 avenue du Général de Gaulle", "14 avenue du Général de Gaulle"),
        ("12 rue du four, au fond", "12 rue du four"),
    ],
)
def test_postal_addresses(text: str, address: str) -> None:
    assert found(text, Label.ADDRESS) == [address]


def test_a_street_without_a_number_is_not_an_address() -> None:
    assert found("c'est dans la rue des Tilleuls", Label.ADDRESS) == []


def test_every_pattern_hit_is_within_the_text() -> None:
    text = "né le 2 mars 1938, 06 39 98 41 27, a@b.fr, 3 rue X, FR76 1680 6000 3147 0215 8937 424"
    for hit in patterns.find_all(text):
        assert 0 <= hit.start < hit.end <= len(text)
        assert re.search(r"\w", text[hit.start : hit.end])
