"""Provenance you can see and filter: the table, the city panel, the URL and the scenes after 2020."""

from ascn.filters import PROVENANCE_LABELS
from ascn.selection import parse_params
from components.table import rows_for_grid
from layouts.city import city_panel
from tests.support import filter_change, the_query, the_record


def test_url_parameter_selects_later_reporting_and_refuses_unknown_values():
    allowed = the_query().allowed
    parsed = parse_params({"provenance": "later-reporting"}, allowed)
    assert parsed.selection.provenances == ("later-reporting",) and not parsed.problems
    assert parsed.selection.to_query_string() == "?provenance=later-reporting"
    bad = parse_params({"provenance": "rumour"}, allowed)
    assert bad.problems and bad.problems[0].param == "provenance" and "table-2" in bad.problems[0].allowed


def test_table_rows_show_provenance_year_source_notes_and_both_links():
    query = the_query()
    sel = parse_params({"partner": "KOR"}, query.allowed).selection
    rows = {r["partnership_id"]: r for r in rows_for_grid(query.columns(sel), query.dataset)}
    assert rows[6]["provenance"] == PROVENANCE_LABELS["table-2"] and rows[26]["provenance"] == PROVENANCE_LABELS["later-reporting"]
    assert "Korea Bizwire, 16 August 2016" in rows[6]["year_source"] and "Older than the network" in rows[6]["notes"]
    assert rows[6]["item"] == "[open](http://koreabizwire.com/s-korea-pushes-to-build-smart-city-in-cambodia)"  # the item itself
    assert rows[6]["link"].startswith("[open](https://www.usascp.org/")  # and the paper
    assert '"Under the last year' in rows[26]["notes"]


LATER_READ = PROVENANCE_LABELS["later-reporting"][0].lower() + PROVENANCE_LABELS["later-reporting"][1:]  # in a sentence


def test_city_panel_says_where_each_row_comes_from():
    query = the_query()
    panel = str(city_panel(query, parse_params({"city": "siem-reap"}, query.allowed).selection))
    assert PROVENANCE_LABELS["later-reporting"] in panel and "Smart city data collection" in panel


def test_scenes_tell_the_story_after_2020():
    scenes = the_record().scenes
    views = " ".join(scenes["view"])
    assert "provenance=later-reporting" in views and "network_year=2024" in views
    assert scenes["caption"].str.contains("34").any()


def test_the_filter_control_writes_the_link_and_follows_the_view():
    """Provenance goes the way of every filter: one answer writes the link (keeping the page's parameters) and
    everything that follows; the control is set back from the view."""
    chosen = filter_change("filter-provenance.value", ["later-reporting"], search="?partner=USA&present=1", view={"partner": "USA"})
    assert chosen["search"] == "?partner=USA&provenance=later-reporting&present=1"
    assert chosen["view"] == {"partner": "USA", "provenance": "later-reporting"} and chosen["summary"].endswith(LATER_READ + ".")
    cleared = filter_change("filter-provenance.value", [], search="?partner=USA&provenance=table-2",
                            view={"partner": "USA", "provenance": "table-2"})
    assert cleared["search"] == "?partner=USA"
    assert filter_change(search="?partner=USA&provenance=table-2")["values"]["provenance"] == ["table-2"]
    assert filter_change(search="?provenance=rumour")["values"]["provenance"] == []  # a value the record does not know changes nothing
