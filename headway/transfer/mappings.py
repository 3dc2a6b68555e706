"""Which column of a file fills which field: presets for Salesforce report exports and HubSpot
exports (their own column names), and the generic mapping (Headway's field names, or any
columns the user names).

A mapping is, per kind of row, an ordered list of column names for each target; the first
column present in the file is used. Targets are model fields plus a few the engine resolves:
``owner_email`` (a member by e-mail), ``account_ref`` / ``account_name`` / ``account_domain``
(the account a contact or deal belongs to), ``first_name`` + ``last_name`` (joined into
``name`` when the file has no full-name column).
"""

from __future__ import annotations

from dataclasses import dataclass

from headway.transfer.reading import Table

KINDS = ("accounts", "contacts", "deals", "interactions")

UNKNOWN_PRESET = "No preset named '{name}'. Choose one of: {names}."
UNKNOWN_KIND = "Cannot import '{kind}'. Choose one of: {kinds}."
MISSING_COLUMN = (
    "The file has no column for {what} (looked for {columns}). Rename the column or map it "
    "with --map {target}=<column>."
)
UNKNOWN_COLUMN = "The mapping names a column the file does not have: '{column}'."
UNKNOWN_TARGET = "'{target}' is not something {kind} row can fill. Choose one of: {targets}."
SINGULAR = {
    "accounts": "an account",
    "contacts": "a contact",
    "deals": "a deal",
    "interactions": "an interaction",
}
NO_PRESET_FOR_KIND = "The {preset} preset has no {kind} yet: use --preset generic and --map."

Columns = dict[str, list[str]]

# Salesforce report exports ("Export → Details only", CSV) label columns as the report does.
SALESFORCE: dict[str, Columns] = {
    "accounts": {
        "external_id": ["Account ID", "Account ID (18)"],
        "name": ["Account Name"],
        "domain": ["Website"],
        "industry": ["Industry"],
        "status": ["Type"],
        "owner_email": ["Account Owner Email", "Account Owner: Email"],
    },
    "contacts": {
        "external_id": ["Contact ID"],
        "name": ["Full Name", "Name"],
        "first_name": ["First Name"],
        "last_name": ["Last Name"],
        "title": ["Title"],
        "email": ["Email"],
        "phone": ["Phone", "Mobile"],
        "account_ref": ["Account ID"],
        "account_name": ["Account Name"],
        "owner_email": ["Contact Owner Email", "Contact Owner: Email"],
    },
    "deals": {
        "external_id": ["Opportunity ID"],
        "title": ["Opportunity Name"],
        "amount": ["Amount"],
        "currency": ["Opportunity Currency", "Currency"],
        "stage": ["Stage"],
        "expected_close": ["Close Date"],
        "account_ref": ["Account ID"],
        "account_name": ["Account Name"],
        "owner_email": ["Opportunity Owner Email", "Opportunity Owner: Email"],
    },
}

# HubSpot exports (CRM → Export, "all properties" or the view's columns) use property labels.
HUBSPOT: dict[str, Columns] = {
    "accounts": {
        "external_id": ["Record ID", "Company ID"],
        "name": ["Company name", "Name"],
        "domain": ["Company Domain Name", "Website URL"],
        "industry": ["Industry"],
        "owner_email": ["Company owner", "Company Owner Email"],
    },
    "contacts": {
        "external_id": ["Record ID", "Contact ID"],
        "first_name": ["First Name"],
        "last_name": ["Last Name"],
        "title": ["Job Title"],
        "email": ["Email"],
        "phone": ["Phone Number", "Mobile Phone Number"],
        "account_ref": [
            "Associated Company IDs (Primary)",
            "Associated Company IDs",
            "Associated Company ID",
            "Company ID",
        ],
        "account_name": ["Associated Company (Primary)", "Associated Company", "Company Name"],
        "owner_email": ["Contact owner", "Contact Owner Email"],
    },
    "deals": {
        "external_id": ["Record ID", "Deal ID"],
        "title": ["Deal Name"],
        "amount": ["Amount"],
        "currency": ["Currency"],
        "stage": ["Deal Stage"],
        "expected_close": ["Close Date"],
        "account_ref": [
            "Associated Company IDs (Primary)",
            "Associated Company IDs",
            "Associated Company ID",
        ],
        "account_name": ["Associated Company (Primary)", "Associated Company"],
        "owner_email": ["Deal owner", "Deal Owner Email"],
    },
}

# The generic mapping: Headway's own field names (what a Headway CSV export will write).
GENERIC: dict[str, Columns] = {
    "accounts": {
        "external_id": ["external_id", "id"],
        "name": ["name"],
        "domain": ["domain", "website"],
        "industry": ["industry"],
        "status": ["status"],
        "tier": ["tier"],
        "relationship_strength": ["relationship_strength"],
        "cadence_days": ["cadence_days"],
        "owner_email": ["owner_email", "owner"],
    },
    "contacts": {
        "external_id": ["external_id", "id"],
        "name": ["name"],
        "first_name": ["first_name"],
        "last_name": ["last_name"],
        "title": ["title"],
        "level": ["level"],
        "buying_role": ["buying_role"],
        "stance": ["stance"],
        "email": ["email"],
        "phone": ["phone"],
        "account_ref": ["account_external_id", "account_id"],
        "account_name": ["account_name", "account"],
        "account_domain": ["account_domain"],
        "owner_email": ["our_person_email", "our_person", "owner_email"],
    },
    "deals": {
        "external_id": ["external_id", "id"],
        "title": ["title"],
        "amount": ["amount"],
        "currency": ["currency"],
        "stage": ["stage"],
        "expected_close": ["expected_close"],
        "competitors": ["competitors"],
        "lost_to": ["lost_to"],
        "lost_to_name": ["lost_to_name"],
        "lost_reasons": ["lost_reasons"],
        "account_ref": ["account_external_id", "account_id"],
        "account_name": ["account_name", "account"],
        "account_domain": ["account_domain"],
        "owner_email": ["owner_email", "owner"],
    },
}

GENERIC["interactions"] = {
    "external_id": ["external_id", "id"],
    "kind": ["kind", "type"],
    "occurred_at": ["occurred_at", "date"],
    "summary": ["summary"],
    "next_step": ["next_step"],
    "account_ref": ["account_external_id", "account_id"],
    "account_name": ["account_name", "account"],
    "account_domain": ["account_domain"],
    "owner_email": ["author_email", "author", "owner_email"],
}

PRESETS: dict[str, dict[str, Columns]] = {
    "generic": GENERIC,
    "salesforce": SALESFORCE,
    "hubspot": HUBSPOT,
}

# What a row must have, said the way a user understands it.
REQUIRED: dict[str, dict[str, str]] = {
    "accounts": {"name": "the account's name"},
    "contacts": {"name": "the contact's name (or First Name and Last Name)"},
    "deals": {"title": "the deal's name"},
    "interactions": {"summary": "what happened (the summary)"},
}


@dataclass(frozen=True)
class Mapping:
    """The resolved mapping of one file: target → the file's column name."""

    kind: str
    preset: str
    columns: dict[str, str]

    def value(self, values: dict[str, str], target: str) -> str:
        column = self.columns.get(target)
        return values.get(column, "") if column else ""


def resolve(
    table: Table, *, kind: str, preset: str = "generic", overrides: dict[str, str] | None = None
) -> Mapping:
    """Match the preset's column names to the file's header (ignoring case and spaces at the
    ends), then apply the user's ``overrides`` (target → column, an empty column unmaps);
    refuse when a required target has no column."""
    if kind not in KINDS:
        raise ValueError(UNKNOWN_KIND.format(kind=kind, kinds=", ".join(KINDS)))
    if preset not in PRESETS:
        raise ValueError(UNKNOWN_PRESET.format(name=preset, names=", ".join(PRESETS)))
    if kind not in PRESETS[preset]:
        raise ValueError(NO_PRESET_FOR_KIND.format(preset=preset, kind=kind))
    targets = PRESETS[preset][kind]
    header = {h.casefold(): h for h in table.headers if h}
    columns: dict[str, str] = {}
    for target, names in targets.items():
        for name in names:
            if name.casefold() in header:
                columns[target] = header[name.casefold()]
                break
    all_targets = set(GENERIC[kind]) | set(targets)
    for target, column in (overrides or {}).items():
        if target not in all_targets:
            raise ValueError(
                UNKNOWN_TARGET.format(
                    target=target, kind=SINGULAR[kind], targets=", ".join(sorted(all_targets))
                )
            )
        if not column:
            columns.pop(target, None)
            continue
        if column.casefold() not in header:
            raise ValueError(UNKNOWN_COLUMN.format(column=column))
        columns[target] = header[column.casefold()]
    for target, what in REQUIRED[kind].items():
        has = target in columns or (
            target == "name" and ("first_name" in columns or "last_name" in columns)
        )
        if not has:
            looked = targets.get(target, [target])
            raise ValueError(
                MISSING_COLUMN.format(
                    what=what, columns=", ".join(f"'{c}'" for c in looked), target=target
                )
            )
    return Mapping(kind=kind, preset=preset, columns=columns)
