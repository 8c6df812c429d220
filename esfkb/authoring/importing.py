"""Import an export of the ESF registration form: public registration files plus private contacts.

An export is what Excel in Flanders produces: ``;`` or ``,`` separated, UTF-8 (with or without
BOM) or Windows-1252, quoted fields that may span lines. Each organisation becomes one registration
file (public profile only) and one entry in the private contacts file. Rows merge by KBO number:
importing the same export twice changes nothing, an updated export changes only the fields that
changed (byte-preserving edits), and the body a matchmaker wrote is never touched. Bad rows are
reported with their row number and not written.

The report also names, per row, what is imported but needs a look (#17): an organisation's name that
contains its contact person's name (recorded as ``naam_bevat_persoonsnaam``, see
:mod:`esfkb.privacy.persons`), and values that start like a spreadsheet formula (``=``, ``+``, ``-``,
``@``, tab or CR; kept as they are: ``esfkb list --format csv`` neutralises them).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

import yaml

from esfkb.authoring.editing import EditableDocument, write_atomic
from esfkb.errors import ExportError
from esfkb.i18n import _, ngettext
from esfkb.model.fields import is_valid_id, kbo_is_valid, slugify
from esfkb.model.models import Registratie
from esfkb.model.vocabulary import Bron, Doeleinde, Economie, Registratiestatus, Samenwerkingsvorm
from esfkb.privacy.contacts import Contact, render_contacts
from esfkb.privacy.detectors import normalise_phone
from esfkb.privacy.persons import person_in_name

if TYPE_CHECKING:
    from pathlib import Path

    from esfkb.base.knowledge_base import KnowledgeBase

COLUMNS = (
    "ondernemingsnaam", "ondernemingsnummer", "economie", "postcode", "gemeente", "website", "nace",
    "contactpersoon", "functie", "email", "telefoon", "registratiedatum", "toestemming_publicatie",
    "toestemming_contact", "interesses", "aanbod", "vraag", "opmerkingen",
)
REQUIRED_COLUMNS = ("ondernemingsnaam", "ondernemingsnummer", "economie", "postcode", "gemeente", "registratiedatum")
IMPORTED_FIELDS = (
    "naam", "naam_bevat_persoonsnaam", "kbo_nummer", "economie", "nace", "postcode", "gemeente", "website", "aanbod",
    "vraag", "interesse_samenwerkingsvormen", "registratiedatum", "bron",
)
"""The frontmatter keys an export owns; everything else (status, erkenningen, ...) is the matchmakers'."""
FIELD_ORDER = tuple(Registratie.model_fields)
_YES = frozenset({"ja", "j", "yes", "y", "true", "1", "x", "akkoord"})
_NO = frozenset({"nee", "n", "no", "false", "0", ""})
_EMAIL_RE = re.compile(r"^[\w.+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
_DMY_RE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_NACE_RE = re.compile(r"^\d{2}(\.\d{1,3})?$")
_FORMULA_STARTS = ("=", "+", "-", "@")
_BLANK_FORMULA_STARTS = ("\t", "\r")
_PLAIN_NUMBER_RE = re.compile(r"[+-]?[\d\s.,()/-]*")
"""A signed number or phone number (-3, +32 470 12 34 56): starts like a formula, computes nothing."""
_ECONOMIES = {
    "sociale_economie": Economie.SOCIALE_ECONOMIE, "sociaal": Economie.SOCIALE_ECONOMIE,
    "se": Economie.SOCIALE_ECONOMIE, "reguliere_economie": Economie.REGULIERE_ECONOMIE,
    "regulier": Economie.REGULIERE_ECONOMIE, "re": Economie.REGULIERE_ECONOMIE,
    "publieke_sector": Economie.PUBLIEKE_SECTOR, "overheid": Economie.PUBLIEKE_SECTOR,
    "intermediair": Economie.INTERMEDIAIR,
}


@dataclass(frozen=True, slots=True)
class RowProblem:
    """Why a row (or one of its values) was not imported; ``row`` counts data rows from 1."""

    row: int
    line: int
    message: str
    skipped: bool


@dataclass(slots=True)
class ImportRow:
    """One organisation as read from the export, already normalised."""

    row: int
    line: int
    kbo: str
    public: dict[str, Any]
    consent: dict[str, bool]
    contact: Contact


@dataclass(slots=True)
class ImportPlan:
    """What an import would do; :func:`apply_plan` carries it out."""

    created: dict[str, tuple[Path, bytes]] = field(default_factory=dict)
    updated: dict[str, tuple[EditableDocument, list[str]]] = field(default_factory=dict)
    unchanged: list[str] = field(default_factory=list)
    contacts: dict[str, Contact] = field(default_factory=dict)
    contacts_changed: list[str] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def rejected(self) -> int:
        """How many rows were not imported."""
        return sum(p.skipped for p in self.problems)


def _key(text: str) -> str:
    return slugify(text).replace("-", "_")


def decode_export(raw: bytes) -> str:
    """UTF-8 (BOM or not), else Windows-1252: what spreadsheet exports in Flanders use."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def read_export(raw: bytes) -> tuple[list[ImportRow], list[RowProblem]]:
    """Parse and normalise every row; rows with a bad KBO number, postcode or date are rejected."""
    text = decode_export(raw)
    header_line = text.split("\n", 1)[0]
    delimiter = ";" if header_line.count(";") >= header_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [_key(name) for name in next(reader)]
    except StopIteration:
        raise ExportError(_("the export is empty")) from None
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise ExportError(
            ngettext("the export lacks the column {columns}; expected columns: {expected}",
                     "the export lacks the columns {columns}; expected columns: {expected}", len(missing)).format(
                columns=", ".join(missing), expected=", ".join(COLUMNS))
        )
    rows: list[ImportRow] = []
    problems: list[RowProblem] = []
    number = 0
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            raise ExportError(_("line {line}: {error}").format(line=line, error=error)) from None
        if not any(cell.strip() for cell in cells):
            continue
        number += 1
        record = {name: (cells[i].strip() if i < len(cells) else "") for i, name in enumerate(header)}
        row, found = _normalise(number, line, record)
        problems.extend(found)
        problems.extend(
            RowProblem(number, line, _("{column} {cell} starts like a spreadsheet formula: imported as it is, "
                                       "check it in the export").format(column=name, cell=repr(cell)), False)
            for name, cell in zip(header, cells, strict=False) if _looks_like_formula(cell))
        if row is not None:
            rows.append(row)
    return rows, problems


def _normalise(number: int, line: int, record: dict[str, str]) -> tuple[ImportRow | None, list[RowProblem]]:
    problems: list[RowProblem] = []

    def reject(message: str) -> tuple[None, list[RowProblem]]:
        problems.append(RowProblem(number, line, _("{problem}; row not imported").format(problem=message), True))
        return None, problems

    def note(message: str) -> None:
        problems.append(RowProblem(number, line, message, False))

    name = record.get("ondernemingsnaam", "")
    if not name:
        return reject(_("ondernemingsnaam is empty"))
    digits = re.sub(r"\D", "", record.get("ondernemingsnummer", ""))
    if len(digits) == 9:
        digits = "0" + digits
    kbo = f"{digits[:4]}.{digits[4:7]}.{digits[7:]}" if len(digits) == 10 else record.get("ondernemingsnummer", "")
    if not kbo_is_valid(kbo):
        return reject(_("ondernemingsnummer '{value}' is not a valid KBO number (mod 97)").format(
            value=record.get("ondernemingsnummer", "")))
    economie = _ECONOMIES.get(_key(record.get("economie", "")))
    if economie is None:
        return reject(_("economie '{value}' is unknown; use one of {choices}").format(
            value=record.get("economie", ""), choices=Economie.choices()))
    postcode_text = record.get("postcode", "")
    if not re.fullmatch(r"[1-9]\d{3}", postcode_text):
        return reject(_("postcode '{value}' is not a Belgian postcode (four digits, 1000-9999)").format(
            value=postcode_text))
    registered = _parse_date(record.get("registratiedatum", ""))
    if registered is None:
        return reject(_("registratiedatum '{value}' is not a date (YYYY-MM-DD or DD/MM/YYYY)").format(
            value=record.get("registratiedatum", "")))
    if not record.get("gemeente"):
        return reject(_("gemeente is empty"))
    consent = {}
    for column in ("toestemming_publicatie", "toestemming_contact"):
        value = record.get(column, "").lower()
        if value not in _YES | _NO:
            return reject(_("{column} '{value}' must be ja or nee").format(column=column, value=record.get(column)))
        consent[column] = value in _YES
    nace = []
    for code in re.split(r"[;,\s]+", record.get("nace", "")):
        if code:
            if _NACE_RE.match(code):
                nace.append(code)
            else:
                note(_("nace '{code}' is not a NACE-BEL code and was left out").format(code=code))
    forms = []
    for item in re.split(r"[;,\n]+", record.get("interesses", "")):
        if item.strip():
            form = _samenwerkingsvorm(item)
            if form is None:
                note(_("interesse '{value}' is not a samenwerkingsvorm and was left out").format(value=item.strip()))
            elif form.value not in forms:
                forms.append(form.value)
    public: dict[str, Any] = {
        "naam": name,
        "kbo_nummer": kbo,
        "economie": economie.value,
        "nace": nace,
        "postcode": int(postcode_text),
        "gemeente": record["gemeente"],
        "website": record.get("website") or None,
        "aanbod": _items(record.get("aanbod", "")),
        "vraag": _items(record.get("vraag", "")),
        "interesse_samenwerkingsvormen": forms,
        "registratiedatum": registered,
        "bron": Bron.ESF_FORMULIER.value,
    }
    email = record.get("email") or None
    if email and not _EMAIL_RE.match(email):
        note(_("email '{value}' is not an e-mail address and was left out").format(value=email))
        email = None
    phone = normalise_phone(record["telefoon"]) if record.get("telefoon", "").strip() else None
    if record.get("telefoon") and phone is None:
        note(_("telefoon '{value}' is not a valid phone number and was left out").format(value=record["telefoon"]))
    contact = Contact(
        naam=record.get("contactpersoon") or None, functie=record.get("functie") or None,
        email=email, telefoon=phone,
    )
    person = person_in_name(name, contact.naam) if contact.naam else None
    public["naam_bevat_persoonsnaam"] = True if person else None
    if person:
        note((_("ondernemingsnaam '{name}' contains the name of its contact person ('{person}'): recorded as "
                "naam_bevat_persoonsnaam; the public site shows it only with consent to publish the profile")
              if consent["toestemming_publicatie"] else
              _("ondernemingsnaam '{name}' contains the name of its contact person ('{person}'): recorded as "
                "naam_bevat_persoonsnaam; the public site shows it only with consent to publish the profile, which "
                "this row does not give: the site calls it 'een deelnemer uit ...'")).format(name=name, person=person))
    return ImportRow(number, line, kbo, public, consent, contact), problems


def _looks_like_formula(cell: str) -> bool:
    """Whether a spreadsheet would take ``cell`` for a formula (the OWASP rule), a plain number aside."""
    value = cell.strip()
    return cell.startswith(_BLANK_FORMULA_STARTS) or (
        value.startswith(_FORMULA_STARTS) and not _PLAIN_NUMBER_RE.fullmatch(value))


def _items(cell: str) -> list[str]:
    return [part.strip() for part in re.split(r"[;\n]+", cell) if part.strip()]


def _samenwerkingsvorm(text: str) -> Samenwerkingsvorm | None:
    wanted = _key(text)
    return next((f for f in Samenwerkingsvorm if wanted in (f.value, _key(f.label))), None)


def _parse_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    match = _DMY_RE.match(text)
    if match:
        try:
            return date(int(match[3]), int(match[2]), int(match[1]))
        except ValueError:
            return None
    return None


def _doeleinden(consent: dict[str, bool]) -> list[str]:
    """Registering on the ESF form is consent to be considered for a pilot; the rest is explicit."""
    purposes = [Doeleinde.SAMENSTELLING_PROEFTUIN.value]
    if consent["toestemming_contact"]:
        purposes.append(Doeleinde.CONTACT_DOOR_MATCHMAKER.value)
    if consent["toestemming_publicatie"]:
        purposes.append(Doeleinde.PUBLICATIE_ORGANISATIEPROFIEL.value)
    return purposes


def plan_import(
    kb: KnowledgeBase, rows: list[ImportRow], contacts: dict[str, Contact], *, retention_years: int = 3
) -> ImportPlan:
    """Decide, per organisation, whether to create, update or leave its registration."""
    plan = ImportPlan(contacts=dict(contacts))
    by_kbo = {
        re.sub(r"\D", "", str(d.data.get("kbo_nummer", ""))): d for d in kb.of_kind("registratie")
    }
    taken = set(kb.documents)
    latest: dict[str, ImportRow] = {}
    for row in rows:
        if row.kbo in latest:
            plan.problems.append(RowProblem(row.row, row.line,
                                            _("same KBO number as row {row}; the later row is used").format(
                                                row=latest[row.kbo].row),
                                            False))
        latest[row.kbo] = row
    folder = kb.project.docs_dir / kb.kinds.by_name["registratie"].folder
    for row in latest.values():
        existing = by_kbo.get(row.kbo.replace(".", ""))
        if existing is None:
            doc_id = _unique_id(slugify(row.public["naam"]) or "organisatie", taken)
            taken.add(doc_id)
            plan.created[doc_id] = (folder / f"{doc_id}.md", _new_file(row, retention_years))
        else:
            doc_id = existing.id
            document = EditableDocument.read(existing.file)
            changed = _update(document, row)
            if changed:
                plan.updated[doc_id] = (document, changed)
            else:
                plan.unchanged.append(doc_id)
        if plan.contacts.get(doc_id) != row.contact:
            plan.contacts[doc_id] = row.contact
            plan.contacts_changed.append(doc_id)
    plan.contacts = dict(sorted(plan.contacts.items()))
    return plan


def _unique_id(base: str, taken: set[str]) -> str:
    candidate, counter = base, 2
    while candidate in taken or not is_valid_id(candidate):
        candidate = f"{base}-{counter}"
        counter += 1
    return candidate


class _Quoted(str):
    """Text that must be written in double quotes (KBO numbers, NACE codes), as authors do."""


class _FrontmatterDumper(yaml.SafeDumper):
    """Writes frontmatter the way the bundled files are written: no aliases, indented lists."""

    def ignore_aliases(self, data: Any) -> bool:
        return True  # esfkb refuses anchors and aliases (ESF005), so never write one

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


_FrontmatterDumper.add_representer(
    _Quoted, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style='"'),
)


def _new_file(row: ImportRow, retention_years: int) -> bytes:
    registered: date = row.public["registratiedatum"]
    data: dict[str, Any] = {k: v for k, v in row.public.items() if v not in (None, [])}
    data["toestemming"] = {"datum": registered, "doeleinden": _doeleinden(row.consent)}
    data["status"] = Registratiestatus.NIEUW.value
    data["bewaren_tot"] = registered.replace(year=registered.year + retention_years)
    data["kbo_nummer"] = _Quoted(data["kbo_nummer"])
    if "nace" in data:
        data["nace"] = [_Quoted(code) for code in data["nace"]]
    ordered = {key: data[key] for key in FIELD_ORDER if key in data}
    frontmatter = yaml.dump(ordered, Dumper=_FrontmatterDumper, sort_keys=False, allow_unicode=True, width=100,
                            default_flow_style=False)
    body = (
        f"{row.public['naam']} registreerde zich op {registered.isoformat()} via het ESF-formulier.\n\n"
        "Vul hier het publieke organisatieprofiel aan: wat de organisatie doet, aanbiedt en zoekt.\n"
    )
    return f"---\n{frontmatter}---\n\n{body}".encode()


def _update(document: EditableDocument, row: ImportRow) -> list[str]:
    """Bring the imported fields of an existing file up to date; return the keys that changed."""
    changed = []
    wanted = dict(row.public)
    for key in IMPORTED_FIELDS:
        value = wanted[key]
        current = document.get((key,))
        if isinstance(value, list):
            if _edit_list(document, (key,), [str(v) for v in value], current):
                changed.append(key)
        elif value is None:
            if current is not None and document.delete_key((key,)):
                changed.append(key)
        elif _as_text(current) != _as_text(value) and document.set_scalar(
                (key,), value if isinstance(value, int) else _as_text(value), order=FIELD_ORDER):  # 3500 stays a number
            changed.append(key)
    purposes = _doeleinden(row.consent)
    current = document.get(("toestemming", "doeleinden"))
    kept = [p for p in (current or []) if p not in (d.value for d in Doeleinde)]
    if _edit_list(document, ("toestemming", "doeleinden"), purposes + kept, current):
        changed.append("toestemming")
    return changed


def _as_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value.isoformat() if isinstance(value, date) else str(value) if value is not None else ""


def _edit_list(document: EditableDocument, path: tuple[str, ...], wanted: list[str], current: Any) -> bool:
    """Add what is missing first, then remove what is gone: a block list stays a block list."""
    have = [str(v) for v in current] if isinstance(current, list) else []
    if have == wanted or (not wanted and current is None):
        return False
    if not isinstance(current, list) and current is not None:
        document.delete_key(path)
        have = []
    for item in wanted:
        if item not in have:
            document.add_item(path, item, order=FIELD_ORDER)
            have.append(item)
    for index in reversed(range(len(have))):
        if have[index] not in wanted:
            document.remove_item(path, index, drop_empty_key=not wanted)
    return True


def apply_plan(plan: ImportPlan, contacts_file: Path) -> None:
    """Write every created and updated file atomically, then the contacts file (mode 0600)."""
    for path, data in plan.created.values():
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data)
    for document, _fields in plan.updated.values():
        document.save()
    rendered = render_contacts(plan.contacts)
    if not contacts_file.exists() or contacts_file.read_bytes() != rendered:
        contacts_file.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(contacts_file, rendered)
        contacts_file.chmod(0o600)


def import_report(plan: ImportPlan, root: Path, export_name: str, *, dry_run: bool) -> tuple[str, str]:
    """What an import did (or would do): the changes with a summary line, and the rejected rows (for stderr)."""
    problems = [_("{export}: row {row} (line {line}): {problem}").format(
                    export=export_name, row=p.row, line=p.line, problem=p.message) + "\n"
                for p in sorted(plan.problems, key=lambda p: (p.row, p.message))]
    create, update = (_("would create {path}"), _("would update {path}: {keys}")) if dry_run else (
        _("create {path}"), _("update {path}: {keys}"))
    lines = [create.format(path=path.relative_to(root).as_posix()) + "\n" for path, _data in plan.created.values()]
    lines += [update.format(path=document.path.relative_to(root).as_posix(), keys=", ".join(fields)) + "\n"
              for document, fields in plan.updated.values()]
    summary = (_("{created} created, {updated} updated, {unchanged} unchanged, {rejected} rejected; contacts: "
                 "{contacts} would change (dry run: nothing written)") if dry_run else
               _("{created} created, {updated} updated, {unchanged} unchanged, {rejected} rejected; contacts: "
                 "{contacts} changed"))
    lines.append(summary.format(created=len(plan.created), updated=len(plan.updated), unchanged=len(plan.unchanged),
                                rejected=plan.rejected, contacts=len(plan.contacts_changed)) + "\n")
    return "".join(lines), "".join(problems)
