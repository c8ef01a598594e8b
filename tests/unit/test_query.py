"""Query functions on the real record: filters, facets and aggregates a user would check."""

import numpy as np
import pandas as pd
import pytest

from ascn.selection import Selection

T2 = ("table-2",)  # the paper's twenty rows: the counts below are the paper's


def ids(frame):
    return sorted(frame["partnership_id"].tolist())


def test_no_filter_returns_all_twenty(query):
    assert ids(query.rows(Selection(provenances=T2))) == list(range(1, 21))


def test_partner_japan_has_four_partnerships(query):
    assert ids(query.rows(Selection(provenances=T2, partners=("JPN",)))) == [7, 8, 14, 15]


def test_or_within_a_kind_and_across_kinds(query):
    either = ids(query.rows(Selection(provenances=T2, partners=("JPN", "KOR"))))
    assert either == [1, 6, 7, 8, 14, 15]
    both = ids(query.rows(Selection(provenances=T2, partners=("JPN", "KOR"), focus_areas=("built-infrastructure",))))
    assert both == [6, 7, 15]


def test_member_state_matches_through_cities(query):
    assert ids(query.rows(Selection(provenances=T2, member_states=("KHM",)))) == [4, 5, 6, 7]


def test_city_filter_phnom_penh(query):
    assert ids(query.rows(Selection(provenances=T2, cities=("phnom-penh",)))) == [4, 5, 6, 7]


def test_year_range_with_unknown_years_included_excluded_or_alone(query):
    unknown = [3, 5, 9, 10, 13, 15, 17]
    assert ids(query.rows(Selection(provenances=T2, year_from=2019, year_to=2019, unknown_year="exclude"))) == [4, 7, 18, 19, 20]
    assert ids(query.rows(Selection(provenances=T2, year_from=2019, year_to=2019))) == sorted([4, 7, 18, 19, 20, *unknown])
    assert ids(query.rows(Selection(provenances=T2, unknown_year="only"))) == unknown


def test_facet_counts_ignore_their_own_kind(query):
    facets = query.facet_counts(Selection(provenances=T2, partners=("JPN",)))
    # Partner options still show every partner's count under the (empty) other filters.
    assert facets["partner"]["CHN"] == 4 and facets["partner"]["JPN"] == 4 and facets["partner"]["USA"] == 3
    # Member state options are counted among Japan's partnerships only.
    assert facets["member_state"]["KHM"] == 1 and facets["member_state"]["SGP"] == 0


def test_by_year_keeps_unknown_years(query):
    table = query.by_year(Selection(provenances=T2))
    assert table.loc["unknown"].sum() == 7
    assert table.to_numpy().sum() == 20
    assert list(table.index[:-1]) == sorted(table.index[:-1])


def test_by_focus_matches_table_two(query):
    counts = query.by_focus(Selection(provenances=T2)).to_dict()
    assert counts == {"civic-social": 1, "health-wellbeing": 1, "safety-security": 6, "quality-environment": 1,
                      "built-infrastructure": 4, "industry-innovation": 7}


def test_by_partner_counts_each_economy_once_per_partnership(query):
    table = query.by_partner(Selection(provenances=T2))
    assert table.loc["CHN"].sum() == 4 and table.loc["CHE"].sum() == 1 and table.loc["SWE"].sum() == 1
    assert ids(query.rows(Selection(provenances=T2, partners=("CHN",)))) == [11, 17, 18, 19]
    assert set(table.index[:2]) == {"CHN", "JPN"}  # the two largest partners, 4 each


def test_city_summary_counts_and_main_partners(query):
    cities = query.city_summary(Selection(provenances=T2))
    assert len(cities) == len(query.dataset.cities)  # every named city, in file order
    assert cities.loc["phnom-penh", "count"] == 4
    assert cities.loc["chiang-mai", "count"] == 0
    assert "Japan (1)" in cities.loc["phnom-penh", "main_partners"]


def test_city_detail_lists_its_partnerships(query):
    detail = query.city_detail("phnom-penh", Selection(provenances=T2))
    assert detail["member_state"] == "KHM" and detail["joined"] == 2018
    assert sorted(detail["rows"]["partnership_id"]) == [4, 5, 6, 7]
    assert detail["partners"] == ["HKG", "JPN", "KOR", "SGP"]


def test_commitments_follow_the_partner_filter(query):
    assert len(query.commitments(Selection(provenances=T2))) == len(query.dataset.commitments)  # commitments have no provenance filter
    australia = query.commitments(Selection(provenances=T2, partners=("AUS",)))
    assert set(australia["title"]) == {"East Asia Summit Leaders' Statement on ASEAN Smart Cities",
                                       "ASEAN Australia Smart Cities Trust Fund", "ASEAN-Australia Smart Cities Initiative"}
    assert list(australia["date"]) == ["2018-03", "2018-11-15", "2019-04"]  # by date, as the timeline reads


def test_masks_are_plain_boolean_arrays(query):
    mask = query.mask(Selection(provenances=T2, partners=("USA",)))
    assert mask.dtype == np.bool_ and mask.sum() == 3


@pytest.mark.parametrize("sel, limit", [
    (Selection(), None), (Selection(), 3), (Selection(partners=("JPN", "KOR")), None), (Selection(cities=("phnom-penh",)), 2),
    (Selection(unknown_year="only"), None), (Selection(partners=("BRN",)), None), (Selection(provenances=T2), None),
])
def test_columns_hold_exactly_the_rows_of_the_table(query, sel, limit):
    frame, columns = query.rows(sel, limit=limit), query.columns(sel, limit=limit)
    assert list(columns) == list(frame.columns)
    for name, values in columns.items():
        assert [None if v is None or v is pd.NA else v for v in values] == [None if v is pd.NA else v for v in frame[name].tolist()], name


def test_provenance_filter_splits_table_2_from_later_reporting(query):
    later = ids(query.rows(Selection(provenances=("later-reporting",))))
    p = query.dataset.partnerships
    assert later == sorted(int(i) for i in p.index[p["provenance"] == "later-reporting"]) and set(range(21, 31)) <= set(later)
    assert ids(query.rows(Selection(provenances=("table-2", "later-reporting")))) == ids(query.rows(Selection()))
    usa_later = int(((p["provenance"] == "later-reporting") & p["partner_economies"].map(lambda c: "USA" in c)).sum())
    assert usa_later >= 5  # the Water Smart Engagements pairs
    assert query.facet_counts(Selection(partners=("USA",)))["provenance"] == {"table-2": 3, "later-reporting": usa_later}
    years = query.by_year(Selection(provenances=("later-reporting",)))
    assert {"2020", "2021", "2022"} <= set(years.index)  # the trend reaches past 2019


def test_organisation_partner_is_labelled_and_filters_commitments(query):
    assert query.allowed["partner"]["eu"] == "European Union (organisation)"
    assert list(query.commitments(Selection(partners=("eu",)))["title"]) == ["Smart Green ASEAN Cities (SGAC)"]
