"""Generate a valid knowledge base of N documents, deterministic by seed, for benchmarks.

The mix of kinds, field sizes and relations follows the bundled base: about half registrations,
one pilot per eight documents, models and playbooks in equal numbers, a matchmaker per fifteen,
~20 frontmatter fields and ~600-word Dutch bodies. The text follows real text too (see
:class:`Lexicon`): the words of the bundled base with Zipf frequencies, a long tail of rare
compounds, and a topic per document; facets (provinces, sectors, levels, maturity, audiences)
vary across documents, so that search and filters face the spread of a real library.

    python benchmarks/generate.py 10000 /tmp/corpus-10k [--seed 7]
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
import shutil
from collections import Counter
from pathlib import Path

WORD_RE = re.compile(r"[^\W\d_]{2,}")
YAML_KEY_RE = re.compile(r"^[ \t-]*[a-z_]+:", re.MULTILINE)
BUNDLED = Path(__file__).resolve().parent.parent / "playbooks"
COMPOUNDS = 40_000
"""Rare words beyond the bundled base's own vocabulary, so that the vocabulary keeps growing with the corpus."""
ZIPF_EXPONENT = 1.1
"""How steeply a word's frequency falls with its rank (about 1 in natural language)."""
TOPIC_SHARE = 0.08
"""The share of a document's words taken from its topic: what makes documents differ, and search rank them."""
FORMS = ("enclave", "onderaanneming", "klant_leverancier", "co_creatie", "doorstroomstage",
         "sociaal_aankopen", "jobcarving", "groepsdetachering", "kennisdeling")
LEVELS = ("marktuitbreiding", "product_dienst_specialisatie", "productiviteit_efficientie",
          "zichtbaarheid", "bereik", "opschaling_mvo")
POSTCODES = ((2200, "Herentals"), (3600, "Genk"), (9000, "Gent"), (8000, "Brugge"), (3000, "Leuven"),
             (1000, "Brussel"), (2800, "Mechelen"), (8500, "Kortrijk"))
PROVINCES = ("antwerpen", "limburg", "oost_vlaanderen", "vlaams_brabant", "west_vlaanderen", "brussel")
NACE = ("81.21", "52.10", "10.71", "43.91", "56.29", "88.10", "96.01", "25.62", "13.92", "62.01")
MATURITIES = ("getest", "herhaald", "opgeschaald")
AUDIENCES = ("se_onderneming", "reguliere_onderneming", "matchmaker", "lokaal_bestuur", "intermediair")
PHASES = ("verkennen", "matchen", "ontwerpen", "contracteren", "opstarten", "uitvoeren", "evalueren")


def kbo(number: int) -> str:
    """A made-up enterprise number that passes the mod-97 check."""
    base = 2_000_000 + number
    digits = f"{base:08d}{97 - base % 97:02d}"
    return f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"


class Lexicon:
    """Dutch words drawn with the frequencies of real text.

    Zipf's law (a word's frequency falls with its rank) over the bundled base's own words, ranked by
    their frequency there, followed by a long tail of rare compounds made of them (Dutch writes
    compounds as one word), so that, as in real text, common words are in most documents, content
    words in some, and most words in few. Each document also has a topic: a dozen content words it
    uses more often than the rest. The lexicon follows the bundled base, and the seed.
    """

    def __init__(self, rng: random.Random) -> None:
        counts: Counter[str] = Counter()
        for path in sorted(BUNDLED.rglob("*.md")):
            counts.update(WORD_RE.findall(YAML_KEY_RE.sub(" ", path.read_text(encoding="utf-8")).lower()))
        words = sorted(counts, key=lambda word: (-counts[word], word))
        parts = [word for word in words if len(word) >= 5][:600]
        known, tail = set(words), []
        while len(tail) < COMPOUNDS:
            compound = rng.choice(parts) + rng.choice(parts)
            if compound not in known:
                known.add(compound)
                tail.append(compound)
        self.words = words + tail
        self.cumulative = list(itertools.accumulate((rank + 2.7) ** -ZIPF_EXPONENT for rank in range(len(self.words))))
        self.content = [word for word in words[50:3000] if len(word) >= 4]

    def topic(self, rng: random.Random, size: int = 12) -> list[str]:
        """A document's topic words."""
        return rng.sample(self.content, size)

    def draw(self, rng: random.Random, count: int, topic: list[str]) -> list[str]:
        """``count`` words of running text about ``topic``."""
        drawn = rng.choices(self.words, cum_weights=self.cumulative, k=count)
        return [rng.choice(topic) if rng.random() < TOPIC_SHARE else word for word in drawn]


class Writer:
    """Text for one document: sentences, paragraphs and list items about its topic."""

    def __init__(self, lexicon: Lexicon, rng: random.Random) -> None:
        self.lexicon = lexicon
        self.rng = rng
        self.topic = lexicon.topic(rng)

    def prose(self, words: int) -> str:
        sentences = []
        while words > 0:
            length = self.rng.randint(8, 16)
            sentences.append(" ".join(self.lexicon.draw(self.rng, length, self.topic)).capitalize() + ".")
            words -= length
        paragraphs = [" ".join(sentences[i:i + 5]) for i in range(0, len(sentences), 5)]
        return "\n\n".join(paragraphs)

    def body(self, title: str) -> str:
        parts = [f"# {title}\n"]
        for heading in ("Context", "Aanpak", "Wat werkte", "Lessen"):
            parts.append(f"## {heading}\n\n{self.prose(150)}\n")
        return "\n".join(parts)

    def text_list(self, count: int) -> str:
        return "".join(f"  - {' '.join(self.lexicon.draw(self.rng, 6, self.topic))}\n" for _ in range(count))

    def title(self, prefix: str) -> str:
        """A title that says what the document is about: its prefix and two topic words."""
        return f"{prefix}: {self.topic[0]} en {self.topic[1]}"


def write(path: Path, frontmatter: str, text: str) -> None:
    path.write_text(f"---\n{frontmatter}---\n\n{text}", encoding="utf-8")


def generate(n: int, target: Path, seed: int = 7) -> Path:
    """Write mkdocs.yml and playbooks/ with ``n`` documents into ``target``; return ``target``."""
    rng = random.Random(seed)
    lexicon = Lexicon(rng)
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
        text = Writer(lexicon, rng)
        write(docs / "matchmakers" / f"matchmaker-{i}.md",
              f"naam: Matchmaker {i}\nkbo_nummer: \"{kbo(900_000 + i)}\"\nwebsite: https://mm{i}.example\n"
              f"email: info@mm{i}.example\nexpertise:\n{text.text_list(3)}"
              f"werkingsgebied: [{PROVINCES[i % len(PROVINCES)]}, {PROVINCES[(i + 1) % len(PROVINCES)]}]\n"
              f"opdracht: ESF-oproep 612 perceel {i}\n", text.body(f"Matchmaker {i}"))
    for i in range(registrations):
        text = Writer(lexicon, rng)
        social = i % 2 == 0
        postcode, gemeente = POSTCODES[i % len(POSTCODES)]
        erkenning = "erkenningen: [maatwerkbedrijf]\n" if social else ""
        write(docs / "registraties" / f"registratie-{i}.md",
              f"naam: Organisatie {i}\nkbo_nummer: \"{kbo(i)}\"\n"
              f"economie: {'sociale_economie' if social else 'reguliere_economie'}\n{erkenning}"
              f"nace: [\"{rng.choice(NACE)}\", \"{rng.choice(NACE)}\"]\ngrootteklasse: klein\n"
              f"postcode: {postcode}\ngemeente: {gemeente}\n"
              f"website: https://org{i}.example\naanbod:\n{text.text_list(3)}vraag:\n{text.text_list(3)}"
              f"interesse_samenwerkingsvormen: [{rng.choice(FORMS)}, {rng.choice(FORMS)}]\n"
              f"interesse_winwin: [{rng.choice(LEVELS)}]\nregistratiedatum: 2025-01-15\nbron: esf_formulier\n"
              "toestemming:\n  datum: 2025-01-15\n  doeleinden: [samenstelling_proeftuin, contact_door_matchmaker, "
              "publicatie_organisatieprofiel]\nstatus: opgenomen_in_proeftuin\nbewaren_tot: 2035-12-31\n",
              text.body(f"Organisatie {i}"))
    for i in range(pilots):
        text = Writer(lexicon, rng)
        members = [(i * 4 + k) % registrations for k in range(4)]
        participants = "".join(
            f"  - registratie: registratie-{m}\n    rol: {'trekker' if k == 0 else 'partner'}\n"
            f"    engagement: overeenkomst\n" for k, m in enumerate(dict.fromkeys(members)))
        title = text.title(f"Proeftuin {i}")
        write(docs / "proeftuinen" / f"proeftuin-{i}.md",
              f"titel: \"{title}\"\nsamenvatting: {text.prose(30)}\nmatchmaker: matchmaker-{i % matchmakers}\n"
              f"status: afgerond\necosysteem: regionaal\nprovincies: [{rng.choice(PROVINCES)}]\n"
              f"nace: [\"{rng.choice(NACE)}\"]\n"
              f"startdatum: 2024-01-01\neinddatum: 2025-06-30\ndeelnemers:\n{participants}"
              f"samenwerkingsvormen: [{FORMS[i % len(FORMS)]}]\nwinwin:\n  sociale_partner: [{rng.choice(LEVELS)}]\n"
              f"  reguliere_partner: [{rng.choice(LEVELS)}]\ndoelgroepen: [arbeidshandicap]\n"
              f"doorstroom: {text.prose(40)}\nindicatoren:\n  - indicator: DS-01\n    waarde: 9\n    n: 9\n"
              f"    peildatum: 2025-06-30\n  - indicator: DS-02\n    waarde: 3\n    n: 9\n    peildatum: 2025-06-30\n",
              text.body(title))
    for i in range(models):
        text = Writer(lexicon, rng)
        title = text.title(f"Model {i}")
        write(docs / "businessmodellen" / f"model-{i}.md",
              f"titel: \"{title}\"\nsamenvatting: {text.prose(30)}\nsamenwerkingsvorm: {FORMS[i % len(FORMS)]}\n"
              f"winwin:\n  sociale_partner: [{rng.choice(LEVELS)}]\n  reguliere_partner: [{rng.choice(LEVELS)}]\n"
              f"proeftuinen: [proeftuin-{i % pilots}]\ncanvas:\n  context: {text.prose(25)}\n"
              f"  waardepropositie:\n    sociale_partner: {text.prose(15)}\n    reguliere_partner: {text.prose(15)}\n"
              f"    doelgroepmedewerker: {text.prose(15)}\n  kernactiviteiten: {text.prose(15)}\n"
              f"  kernmiddelen: {text.prose(15)}\n  partners: {text.prose(15)}\n  kosten: {text.prose(15)}\n"
              f"  inkomsten: {text.prose(15)}\n  impact: [DS-01, DS-02]\njuridische_vorm: samenwerkingsovereenkomst\n"
              f"premies: [vop]\nrandvoorwaarden:\n{text.text_list(3)}risicos:\n{text.text_list(3)}"
              f"maturiteit: {rng.choice(MATURITIES)}\nstatus: gepubliceerd\nversie: \"1.0.0\"\n"
              f"auteurs: [matchmaker-{i % matchmakers}]\n", text.body(title))
    for i in range(playbooks):
        text = Writer(lexicon, rng)
        phases = "".join(
            f"  - fase: {phase}\n    stappen:\n      - titel: {text.prose(6)}\n        rol: begeleider\n"
            f"        duur: twee weken\n        resultaat: {text.prose(8)}\n" for phase in PHASES[:4])
        title = text.title(f"Draaiboek {i}")
        audiences = ", ".join(sorted(rng.sample(AUDIENCES, 2)))
        write(docs / "draaiboeken" / f"draaiboek-{i}.md",
              f"titel: \"{title}\"\nsamenvatting: {text.prose(30)}\nbusinessmodel: model-{i % models}\n"
              f"proeftuinen: [proeftuin-{i % pilots}]\ndoelpubliek: [{audiences}]\n"
              f"fasen:\n{phases}juridische_checklist:\n{text.text_list(2)}succesfactoren:\n{text.text_list(2)}"
              f"valkuilen:\n{text.text_list(2)}indicatoren: [DS-01, DS-02]\nstatus: gepubliceerd\n"
              f"versie: \"1.0.0\"\nauteurs: [matchmaker-{i % matchmakers}]\n", text.body(title))
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
