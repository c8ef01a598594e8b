"""The about page: sources, columns, disagreements, edition and citation, served by Flask from an escaped template."""

import datetime
import html
from html.parser import HTMLParser

import pytest

from ascn import columns
from routes.about import OTHER_SOURCES, page_context, render
from tests.support import the_record, the_server


class Page(HTMLParser):
    """The parts of a page the tests look at: text, tags with their attributes, the text of <pre> blocks."""

    def __init__(self, markup: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.chunks: list[str] = []
        self.pres: list[str] = []
        self._in_pre = False
        self.feed(markup)
        self.text = " ".join(" ".join(self.chunks).split())

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_pre = tag == "pre"
        if self._in_pre:
            self.pres.append("")

    def handle_endtag(self, tag):
        if tag == "pre":
            self._in_pre = False

    def handle_data(self, data):
        if self._in_pre:
            self.pres[-1] += data
        self.chunks.append(data)

    def all(self, name: str) -> list[dict]:
        return [attrs for tag, attrs in self.tags if tag == name]


@pytest.fixture(scope="module")
def response():
    return the_server().test_client().get("/about")


@pytest.fixture(scope="module")
def page(response) -> Page:
    return Page(response.get_data(as_text=True))


def squash(text: str) -> str:
    return " ".join(text.split())


def test_about_answers_html_in_english_with_a_main_and_a_way_back(response, page):
    assert response.status_code == 200 and response.headers["Content-Type"].startswith("text/html")
    assert page.all("html") == [{"lang": "en"}]
    assert len(page.all("main")) == 1
    assert "Back to the map" in page.text and {"href": "/", "class": "btn btn-dark"} in page.all("a")


def test_loads_only_its_own_styles_and_no_script(page):
    hrefs = [attrs["href"] for attrs in page.all("link")]
    assert hrefs == ["/assets/css/0_bootstrap-5.3.8.min.css", "/assets/css/1_app.css"]
    assert page.all("script") == [] and page.all("style") == [] and page.all("img") == []
    assert not any("style" in attrs or any(k.startswith("on") for k in attrs) for _, attrs in page.tags)


def test_names_the_iseas_paper_and_the_other_sources(page):
    assert squash(columns.ISEAS_PAPER) in page.text
    for citation, _ in OTHER_SOURCES:
        assert citation in page.text
    for words in ("Concept Note", "VNA", "WeGO", "SEAsia", "Bangkok Post, 28 July 2023", "Natural Earth", "GeoNames"):
        assert words in page.text


def test_other_sources_are_worded_as_in_the_data_files():
    dataset = the_record()
    cells = " | ".join(str(v) for frame in (dataset.events, dataset.cities, dataset.partnerships, dataset.commitments,
                                            dataset.network_size) for v in frame["source"])
    for citation, _ in OTHER_SOURCES:
        assert citation in cells, citation


def test_every_partnership_column_and_its_meaning(page):
    assert list(columns.PARTNERSHIP_COLUMNS) == ["partnership_id", "provenance", "title", "organisations", "partner_economies",
                                                 "city_ids", "focus_area", "year", "year_source", "year_source_url", "source",
                                                 "source_url", "notes"]
    for column, meaning in columns.PARTNERSHIP_COLUMNS.items():
        assert f"{column} {squash(meaning)}" in page.text


def test_says_what_year_unknown_means(page):
    assert "never guessed" in page.text and "shown, never dropped" in page.text
    assert "7 of the paper's 20 partnerships have no known year (rows 3, 5, 9, 10, 13, 15, 17)" in page.text
    for label in ("Include unknown years", "Known years only", "Unknown years only"):
        assert label in page.text


def test_names_the_disagreements_between_sources(page):
    text = page.text
    assert "three civic and social partnerships; its table has one" in text and "add up to 22, not 20" in text
    assert "Quality Environment in the table but discussed as industry and innovation" in text
    assert "May 2018" in text and "27–28 April 2018" in text
    assert "“36 ASEAN cities”" in text and "There were 26" in text
    assert "February 2019" in text and "pilot cities from April 2018" in text
    assert "April 2019" in text and "not confirmed elsewhere" in text
    for typo in ("“ACSN”", "“Pundi x”", "“Hitachi. City of Yokohama”", "“(BNPB)”"):
        assert typo in text


def test_intra_asean_rows_are_read_as_the_notes_say(page):
    notes = the_record().partnerships["notes"]
    for pid in (5, 16, 20):
        assert squash(notes[pid]) in page.text
    assert "Partner: Singapore; city: Phnom Penh" in page.text
    assert "Partner: Thailand; city: Yangon" in page.text


def test_edition_counts_and_citation(page):
    dataset = the_record()
    assert dataset.version in page.text and columns.DATA_DATE in page.text
    for label, value in (("Cities", len(dataset.cities)), ("Member states", 10), ("Partnerships", len(dataset.partnerships)),
                         ("of which from the paper's Table 2", 20),
                         ("Commitments (statements of support and named funding)", len(dataset.commitments)),
                         ("Dated events of the network", len(dataset.events))):
        assert f"{label} {value}" in page.text
    today = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    assert page.pres == [columns.citation(dataset.version, None, today, verb="accessed")]  # no public address configured
    assert page.pres[0].startswith(f"ASEAN Smart Cities Network partnerships dashboard, data version {dataset.version}, ")
    assert "Based on Martinus, M. (2020)" in page.pres[0]
    assert [attrs["id"] for attrs in page.all("pre")] == ["citation"]
    assert {"id": "citation-label", "class": "mb-2"} in page.all("p")
    assert "/api/partnerships.zip?partner=JPN" in page.text and "README.txt" in page.text
    assert squash(columns.LICENCE_STATEMENT) in page.text and "CC BY 4.0" in page.text


def test_headings_go_in_order_and_table_headers_have_a_scope(page):
    levels = [int(tag[1]) for tag, _ in page.tags if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), levels
    assert page.all("th") and all(attrs.get("scope") in {"row", "col"} for attrs in page.all("th"))


def test_data_is_html_escaped():
    context = page_context(the_record(), "http://localhost/", "2026-11-25")
    evil = "<script>alert('x')</script> & <b>"
    context["intra_asean"] = [{**context["intra_asean"][0], "title": evil, "notes": evil}]
    context["columns"] = {**context["columns"], "<img src=x onerror=alert(1)>": evil}
    context["citation"] = "</pre><script>alert(1)</script>"
    markup = render(context)
    assert "<script" not in markup and "<img" not in markup and "<b>" not in markup
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;" in markup
    assert Page(markup).pres == ["</pre><script>alert(1)</script>"]
    assert html.escape("</pre>") in markup


def test_an_intra_asean_row_is_found_from_the_data_not_hard_coded():
    dataset = the_record()
    context = page_context(dataset, "http://localhost/", "2026-11-25")
    assert [row["id"] for row in context["intra_asean"]] == [5, 16, 20]
    members = set(dataset.economies.index[dataset.economies["asean_member"]])
    partnerships = dataset.partnerships
    expected = partnerships[partnerships["partner_economies"].map(lambda c: set(c) <= members)].index
    assert list(expected) == [5, 16, 20]


def test_covers_the_audit_network_growth_and_what_changed(page):
    text = page.text
    # Rows older than the network, from the data.
    for pid in (6, 12, 14, 16):
        assert f"Row {pid} (" in text
    assert "Rows 5, 16 and 20 follow the paper's prose" in text
    assert "year_source_url" in text and "/?provenance=later-reporting" in text
    # The network's growth, with the count that names no cities and the disagreement.
    sizes = the_record().network_size.sort_values("date", kind="stable")
    latest, named = int(sizes["count"].iloc[-1]), len(the_record().cities)
    assert f"{latest} cities" in text
    if latest > named:  # a count above the named cities: the page says how many no source names
        assert f"{latest - named} not named in any source read" in text
    assert "candidature" in text and "mid-2024" in text
    assert "European Union" in text
    # The changelog's latest entry, dated as the edition is.
    from ascn.changelog import read_changelog
    edition = read_changelog(the_record().data_dir)[0]
    assert edition.date == columns.DATA_DATE
    assert f"What changed in this edition ({edition.date}" in text and squash(edition.items[0]) in text
