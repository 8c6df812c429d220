"""Diagnostics and the catalogue of stable codes that every face reports the same way."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from esfkb.i18n import N_


class Severity(StrEnum):
    """How bad a diagnostic is: errors fail validation, warnings only with ``--strict``."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Code:
    """One entry of the catalogue: a stable code, a short name and what it means.

    ``summary`` and ``explanation`` are English, marked for the catalogue with ``N_``; a face shows them
    translated (``esfkb.i18n._``). ``code`` and ``name`` are the same in every language.
    """

    code: str
    name: str
    severity: Severity
    summary: str
    explanation: str


@dataclass(frozen=True, slots=True, order=True)
class Diagnostic:
    """A problem found at a place in a file; ``path`` is relative to the project, '/'-separated."""

    path: str
    line: int
    column: int
    code: str
    message: str
    severity: Severity = Severity.ERROR


E, W = Severity.ERROR, Severity.WARNING

CORE_CODES: tuple[Code, ...] = (
    Code("ESF001", "no-frontmatter", E, N_("The file has no YAML frontmatter."),
         N_("A document in a kind folder must start with a line '---', the YAML keys of its kind and a closing '---'."
            " Pages outside the kind folders are ordinary pages and need none.")),
    Code("ESF002", "unterminated-frontmatter", E, N_("The frontmatter is not closed."),
         N_("The opening '---' has no closing '---' (or '...') line, so the whole file would be read as YAML. Add the"
            " closing line after the last key.")),
    Code("ESF003", "yaml-syntax", E, N_("The frontmatter is not valid YAML."),
         N_("The YAML parser stopped at the given line and column. Usual causes: a missing space after a colon, a "
            "value with a colon or '#' that needs quotes, wrong indentation, an unclosed bracket or quote.")),
    Code("ESF004", "duplicate-key", E, N_("A key appears twice in the same mapping."),
         N_("YAML would silently keep only one of the two values, losing the other. Keep one.")),
    Code("ESF005", "yaml-anchor", E, N_("YAML anchors and aliases are refused."),
         N_("Anchors (&name) and aliases (*name) make a value stand in several places and can blow up a small file "
            "into gigabytes (the 'billion laughs' attack). Write each value out.")),
    Code("ESF006", "frontmatter-not-mapping", E, N_("The frontmatter is not a mapping."),
         N_("The frontmatter must be a mapping of keys to values, not a list, a single value or empty.")),
    Code("ESF007", "not-utf8", E, N_("The file is not UTF-8."),
         N_("Every file must be UTF-8 (a byte-order mark is accepted). Files saved by older editors in Windows-1252 "
            "show up here: save them again as UTF-8.")),
    Code("ESF008", "file-too-large", E, N_("The file is larger than the configured limit."),
         N_("Files above the limit (max_file_size in mkdocs.yml, default 1 MiB) are not read, to keep validation and "
            "the site fast and to refuse accidental data dumps.")),
    Code("ESF009", "tab-indentation", E, N_("A tab is used for indentation."),
         N_("YAML does not allow tabs for indentation. Replace them with spaces (two per level).")),
    Code("ESF010", "yaml-tag", E, N_("An explicit YAML tag is used."),
         N_("Tags such as '!!python/object' or '!!binary' are refused: they can construct objects or hide data. Write"
            " a plain value.")),
    Code("ESF011", "invalid-id", E, N_("The file name is not a valid id."),
         N_("The id of a document is its file name without '.md'. It must consist of lowercase letters and digits "
            "joined by single hyphens, e.g. 'enclave-in-de-logistiek', and not be a name that Windows reserves for a "
            "device (con, prn, aux, nul, com0 to com9, lpt0 to lpt9): no file of that name can be checked out there.")),
    Code("ESF012", "unreadable-file", E, N_("The file cannot be read."),
         N_("The operating system refused to read the file, e.g. because of its permissions.")),
    Code("ESF013", "symbolic-link", E, N_("A symbolic link in the docs folder."),
         N_("esfkb follows no symbolic link: a link out of the project could publish any file of the machine, one "
            "inside it a file kept out of the docs folder on purpose (the contacts file). The link, and all below a "
            "linked folder, is not read, published or written. Put the file itself in its place.")),
    Code("ESF014", "not-published", W, N_("A file in the docs folder is not published."),
         N_("Only Markdown and the asset types png, jpg, jpeg, gif, webp, avif, ico and pdf are copied into the site,"
            " so a stray export (csv, xlsx, json), a backup or a contacts file never is. SVG is refused (it can carry"
            " script), and so are stylesheets and scripts (the theme brings them, from its custom_dir). Move the file"
            " out of the docs folder.")),
    Code("ESF015", "interrupted-rename", E, N_("An esfkb rename was interrupted."),
         N_("A rename writes its plan to a journal before it edits anything. The journal is still there, so the "
            "rename stopped half-way: some references may point to the new id while the file still has the old one. "
            "Run the same 'esfkb rename' again to complete it.")),
    Code("ESF016", "unrepresentable-value", E, N_("A value cannot be stored as written."),
         N_("Numbers go from -9,007,199,254,740,991 to 9,007,199,254,740,991 (2^53 - 1, what every JSON reader keeps "
            "exact) and must be finite: 1e999 is refused. Text may hold only what YAML allows in a file, also when "
            "written as an escape in double quotes: no NUL, terminal escapes or other control characters, no "
            "surrogates. Put quotes around a long number that is text.")),
    Code("ESF101", "missing-key", E, N_("A required key is missing."),
         N_("Every kind has required keys (see the JSON Schemas in schemas/ or 'esfkb new'). The diagnostic stands at"
            " the start of the frontmatter, or at the parent key for a nested one.")),
    Code("ESF102", "wrong-type", E, N_("A value has the wrong type."),
         N_("A key expects text, a number, a list or a mapping and got something else. YAML reads unquoted 1.0 or "
            "81.20 as numbers and yes/no as text: put quotes around values that must stay text, such as versions and "
            "NACE codes.")),
    Code("ESF103", "unknown-key", E, N_("A key is not part of the kind."),
         N_("Unknown keys are refused so that a typo never drops a value silently. The message suggests the closest "
            "known key.")),
    Code("ESF104", "invalid-choice", E, N_("A value is not one of the allowed choices."),
         N_("The key takes a value from a vocabulary. The message lists the allowed values with their Dutch labels.")),
    Code("ESF105", "invalid-id-value", E, N_("A reference is not a well-formed id."),
         N_("References name the id of another document: lowercase letters, digits and hyphens, never a Windows "
            "device name such as con or nul (see ESF011).")),
    Code("ESF106", "invalid-kbo", E, N_("A KBO number is not valid."),
         N_("A Belgian enterprise number has ten digits (written 0123.456.749 or 0123456749) and its last two digits "
            "equal 97 minus the first eight modulo 97.")),
    Code("ESF107", "invalid-postcode", E, N_("A postcode is not a Belgian postcode."),
         N_("Belgian postcodes have four digits from 1000 to 9999. The province is derived from it.")),
    Code("ESF108", "invalid-nace", E, N_("A NACE-BEL code is not well formed."),
         N_('NACE-BEL codes are written NN, NN.N, NN.NN or NN.NNN and must be quoted, e.g. "81.21".')),
    Code("ESF109", "invalid-date", E, N_("A date is not a valid YYYY-MM-DD date."),
         N_("Dates are written as year-month-day, e.g. 2025-03-14, and must exist in the calendar.")),
    Code("ESF110", "invalid-version", E, N_("A version is not a semantic version."),
         N_('Versions follow semantic versioning (MAJOR.MINOR.PATCH) and must be quoted, e.g. "1.0.0".')),
    Code("ESF111", "placeholder", E, N_("A template placeholder is still there."),
         N_("'esfkb new' marks what the author must fill in with values starting with TODO and with an instruction in"
            " italics below each heading of the text ('_Beschrijf de organisatie ..._'). Replace each of them before"
            " submitting.")),
    Code("ESF112", "invalid-value", E, N_("A value breaks a constraint of its key."),
         N_("For example an empty list where at least one item is required, empty text or a negative count.")),
)
"""Codes produced by the core itself (parsing, schema, references); rules add their own."""
