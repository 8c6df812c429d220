"""Generate a valid knowledge base of N documents, deterministic by seed, for benchmarks.

The mix of kinds, field sizes and relations follows the bundled base: about half registrations,
one pilot per eight documents, models and playbooks in equal numbers, a matchmaker per fifteen,
~20 frontmatter fields and ~600-word Dutch bodies.

    python benchmarks/generate.py 10000 /tmp/corpus-10k [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

WORDS = (
    'samenwerking', 'maatwerkbedrijf', 'doorstroom', 'begeleiding', 'werkvloer', 'jobcoach',
    'ploeg', 'klant', 'opdracht', 'planning', 'afspraken', 'evaluatie', 'opleiding', 'veiligheid',
    'kwaliteit', 'productie', 'logistiek', 'schoonmaak', 'verpakking', 'onderaanneming', 'enclave',
    'proeftuin', 'partner', 'sociale', 'reguliere', 'economie', 'onderneming', 'medewerkers',
    'doelgroep', 'talenten', 'werkpost', 'taken', 'functie', 'contract', 'premie', 'ondersteuning',
    'overleg', 'stuurgroep', 'verslag', 'resultaat', 'opvolging', 'groei', 'vertrouwen', 'duurzaam',
    'lokaal', 'regionaal', 'sector', 'gemeente', 'provincie', 'netwerk', 'matchmaker', 'draaiboek',
    'businessmodel', 'canvas', 'waarde', 'kosten', 'inkomsten',
)
FORMS = ("enclave", "onderaanneming", "klant_leverancier", "co_creatie", "doorstroomstage",
         "sociaal_aankopen", "jobcarving", "groepsdetachering", "kennisdeling")
LEVELS = ("marktuitbreiding", "product_dienst_specialisatie", "productiviteit_efficientie",
          "zichtbaarheid", "bereik", "opschaling_mvo")
POSTCODES = ((2200, "Herentals"), (3600, "Genk"), (9000, "Gent"), (8000, "Brugge"), (3000, "Leuven"),
             (1000, "Brussel"), (2800, "Mechelen"), (8500, "Kortrijk"))
PHASES = ("verkennen", "matchen", "ontwerpen", "contracteren", "opstarten", "uitvoeren", "evalueren")


def kbo(number: int) -> str:
    """A made-up enterprise number that passes the mod-97 check."""
    base = 2_000_000 + number
    digits = f"{base:08d}{97 - base % 97:02d}"
    return f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"


def prose(rng: random.Random, words: int) -> str:
    sentences = []
    while words > 0:
        length = rng.randint(8, 16)
        sentence = " ".join(rng.choice(WORDS) for _ in range(length))
        sentences.append(sentence.capitalize() + ".")
        words -= length
    paragraphs = [" ".join(sentences[i:i + 5]) for i in range(0, len(sentences), 5)]
    return "\n\n".join(paragraphs)


def body(rng: random.Random, title: str) -> str:
    parts = [f"# {title}\n"]
    for heading in ("Context", "Aanpak", "Wat werkte", "Lessen"):
        parts.append(f"## {heading}\n\n{prose(rng, 150)}\n")
    return "\n".join(parts)


def text_list(rng: random.Random, count: int) -> str:
    return "".join(f"  - {' '.join(rng.choice(WORDS) for _ in range(6))}\n" for _ in range(count))


def write(path: Path, frontmatter: str, text: str) -> None:
    path.write_text(f"---\n{frontmatter}---\n\n{text}", encoding="utf-8")


def generate(n: int, target: Path, seed: int = 7) -> Path:
    """Write mkdocs.yml and playbooks/ with ``n`` documents into ``target``; return ``target``."""
    rng = random.Random(seed)
    if target.exists():
        shutil.rmtree(target)
    docs = target / "playbooks"
    for folder in ("registraties", "matchmakers", "proeftuinen", "businessmodellen", "draaiboeken"):
        (docs / folder).mkdir(parents=True)
    (docs / "index.md").write_text("# Kennisbank\n\nGegenereerde kennisbank voor benchmarks.\n", encoding="utf-8")
    matchmakers = max(1, n // 15)
    pilots = max(1, n // 8)
    models = max(1, n // 8)
    playbooks = max(1, n // 8)
    registrations = max(2, n - matchmakers - pilots - models - playbooks)
    for i in range(matchmakers):
        write(docs / "matchmakers" / f"matchmaker-{i}.md",
              f"naam: Matchmaker {i}\nkbo_nummer: \"{kbo(900_000 + i)}\"\nwebsite: https://mm{i}.example\n"
              f"email: info@mm{i}.example\nexpertise:\n{text_list(rng, 3)}werkingsgebied: [antwerpen, limburg]\n"
              f"opdracht: ESF-oproep 612 perceel {i}\n", body(rng, f"Matchmaker {i}"))
    for i in range(registrations):
        social = i % 2 == 0
        postcode, gemeente = POSTCODES[i % len(POSTCODES)]
        erkenning = "erkenningen: [maatwerkbedrijf]\n" if social else ""
        write(docs / "registraties" / f"registratie-{i}.md",
              f"naam: Organisatie {i}\nkbo_nummer: \"{kbo(i)}\"\n"
              f"economie: {'sociale_economie' if social else 'reguliere_economie'}\n{erkenning}"
              f"nace: [\"81.21\", \"52.10\"]\ngrootteklasse: klein\npostcode: {postcode}\ngemeente: {gemeente}\n"
              f"website: https://org{i}.example\naanbod:\n{text_list(rng, 3)}vraag:\n{text_list(rng, 3)}"
              f"interesse_samenwerkingsvormen: [{rng.choice(FORMS)}, {rng.choice(FORMS)}]\n"
              f"interesse_winwin: [{rng.choice(LEVELS)}]\nregistratiedatum: 2025-01-15\nbron: esf_formulier\n"
              "toestemming:\n  datum: 2025-01-15\n  doeleinden: [samenstelling_proeftuin, contact_door_matchmaker, "
              "publicatie_organisatieprofiel]\nstatus: opgenomen_in_proeftuin\nbewaren_tot: 2035-12-31\n",
              body(rng, f"Organisatie {i}"))
    for i in range(pilots):
        members = [(i * 4 + k) % registrations for k in range(4)]
        participants = "".join(
            f"  - registratie: registratie-{m}\n    rol: {'trekker' if k == 0 else 'partner'}\n"
            f"    engagement: overeenkomst\n" for k, m in enumerate(dict.fromkeys(members)))
        write(docs / "proeftuinen" / f"proeftuin-{i}.md",
              f"titel: Proeftuin {i}\nsamenvatting: {prose(rng, 30)}\nmatchmaker: matchmaker-{i % matchmakers}\n"
              f"status: afgerond\necosysteem: regionaal\nprovincies: [antwerpen]\nnace: [\"52.10\"]\n"
              f"startdatum: 2024-01-01\neinddatum: 2025-06-30\ndeelnemers:\n{participants}"
              f"samenwerkingsvormen: [{FORMS[i % len(FORMS)]}]\nwinwin:\n  sociale_partner: [marktuitbreiding]\n"
              f"  reguliere_partner: [productiviteit_efficientie]\ndoelgroepen: [arbeidshandicap]\n"
              f"doorstroom: {prose(rng, 40)}\nindicatoren:\n  - indicator: DS-01\n    waarde: 9\n    n: 9\n"
              f"    peildatum: 2025-06-30\n  - indicator: DS-02\n    waarde: 3\n    n: 9\n    peildatum: 2025-06-30\n",
              body(rng, f"Proeftuin {i}"))
    for i in range(models):
        write(docs / "businessmodellen" / f"model-{i}.md",
              f"titel: Model {i}\nsamenvatting: {prose(rng, 30)}\nsamenwerkingsvorm: {FORMS[i % len(FORMS)]}\n"
              f"winwin:\n  sociale_partner: [marktuitbreiding]\n  reguliere_partner: [zichtbaarheid]\n"
              f"proeftuinen: [proeftuin-{i % pilots}]\ncanvas:\n  context: {prose(rng, 25)}\n"
              f"  waardepropositie:\n    sociale_partner: {prose(rng, 15)}\n    reguliere_partner: {prose(rng, 15)}\n"
              f"    doelgroepmedewerker: {prose(rng, 15)}\n  kernactiviteiten: {prose(rng, 15)}\n"
              f"  kernmiddelen: {prose(rng, 15)}\n  partners: {prose(rng, 15)}\n  kosten: {prose(rng, 15)}\n"
              f"  inkomsten: {prose(rng, 15)}\n  impact: [DS-01, DS-02]\njuridische_vorm: samenwerkingsovereenkomst\n"
              f"premies: [vop]\nrandvoorwaarden:\n{text_list(rng, 3)}risicos:\n{text_list(rng, 3)}"
              f"maturiteit: getest\nstatus: gepubliceerd\nversie: \"1.0.0\"\nauteurs: [matchmaker-{i % matchmakers}]\n",
              body(rng, f"Model {i}"))
    for i in range(playbooks):
        phases = "".join(
            f"  - fase: {phase}\n    stappen:\n      - titel: {prose(rng, 6)}\n        rol: begeleider\n"
            f"        duur: twee weken\n        resultaat: {prose(rng, 8)}\n" for phase in PHASES[:4])
        write(docs / "draaiboeken" / f"draaiboek-{i}.md",
              f"titel: Draaiboek {i}\nsamenvatting: {prose(rng, 30)}\nbusinessmodel: model-{i % models}\n"
              f"proeftuinen: [proeftuin-{i % pilots}]\ndoelpubliek: [se_onderneming, reguliere_onderneming]\n"
              f"fasen:\n{phases}juridische_checklist:\n{text_list(rng, 2)}succesfactoren:\n{text_list(rng, 2)}"
              f"valkuilen:\n{text_list(rng, 2)}indicatoren: [DS-01, DS-02]\nstatus: gepubliceerd\nversie: \"1.0.0\"\n"
              f"auteurs: [matchmaker-{i % matchmakers}]\n", body(rng, f"Draaiboek {i}"))
    (target / "mkdocs.yml").write_text(
        "site_name: Benchmark\ndocs_dir: playbooks\ntheme:\n  name: material\n  language: nl\n  font: false\n"
        "plugins:\n  - esfkb\nnav:\n  - Home: index.md\n", encoding="utf-8")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("target", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    generate(args.n, args.target, args.seed)


if __name__ == "__main__":
    main()
