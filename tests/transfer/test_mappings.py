"""Presets find the columns Salesforce and HubSpot really export; the generic mapping and the
user's own column names; a file without a required column is refused saying which."""

from __future__ import annotations

import pytest

from headway.transfer import mappings, reading


def _table(header: str) -> reading.Table:
    return reading.read((header + "\r\nx" + "," * header.count(",") + "\r\n").encode())


def test_salesforce_account_report_columns():
    t = _table("Account ID,Account Name,Website,Industry,Type,Account Owner Email")
    m = mappings.resolve(t, kind="accounts", preset="salesforce")
    assert m.columns == {
        "external_id": "Account ID",
        "name": "Account Name",
        "domain": "Website",
        "industry": "Industry",
        "status": "Type",
        "owner_email": "Account Owner Email",
    }


def test_hubspot_company_export_columns():
    t = _table("Record ID,Company name,Company Domain Name,Company owner,Create Date")
    m = mappings.resolve(t, kind="accounts", preset="hubspot")
    assert m.columns == {
        "external_id": "Record ID",
        "name": "Company name",
        "domain": "Company Domain Name",
        "owner_email": "Company owner",
    }


def test_hubspot_contacts_join_first_and_last_name_and_find_their_company():
    t = _table("Record ID,First Name,Last Name,Email,Associated Company IDs,Contact owner")
    m = mappings.resolve(t, kind="contacts", preset="hubspot")
    assert m.columns["first_name"] == "First Name"
    assert m.columns["account_ref"] == "Associated Company IDs"
    assert "name" not in m.columns


def test_salesforce_opportunities():
    t = _table("Opportunity ID,Opportunity Name,Amount,Stage,Close Date,Account ID")
    m = mappings.resolve(t, kind="deals", preset="salesforce")
    assert m.columns["title"] == "Opportunity Name"
    assert m.columns["account_ref"] == "Account ID"


def test_column_names_match_whatever_their_case():
    t = _table("ACCOUNT NAME,account id")
    m = mappings.resolve(t, kind="accounts", preset="salesforce")
    assert m.columns == {"name": "ACCOUNT NAME", "external_id": "account id"}


def test_the_generic_mapping_takes_headway_field_names_and_the_users_own_columns():
    t = _table("Firma,Ref,domain")
    m = mappings.resolve(
        t, kind="accounts", overrides={"name": "firma", "external_id": "Ref", "domain": ""}
    )
    assert m.columns == {"name": "Firma", "external_id": "Ref"}


def test_a_file_without_the_required_column_is_refused_naming_it():
    t = _table("Account ID,Website")
    with pytest.raises(ValueError, match=r"no column for the account's name .*'Account Name'"):
        mappings.resolve(t, kind="accounts", preset="salesforce")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"preset": "pipedrive"}, "No preset named 'pipedrive'"),
        ({"overrides": {"name": "Nope"}}, "column the file does not have: 'Nope'"),
        ({"overrides": {"colour": "name"}}, "'colour' is not something an account row can fill"),
    ],
)
def test_mistakes_in_the_mapping_are_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        mappings.resolve(_table("name"), kind="accounts", **kwargs)
