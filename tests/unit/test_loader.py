"""The loader: typed columns, ASCN_DATA_DIR, and frames that callers cannot change for each other."""

import pandas as pd
import pytest

from ascn import DataError, load_dataset
from ascn.settings import data_dir_from_env, settings_from_env
from tests.validation_helpers import DATA, copy_data, set_cell


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(DATA)


def test_list_columns_are_tuples(dataset):
    for frame, columns in [
        (dataset.partnerships, ["organisations", "partner_economies", "city_ids"]),
        (dataset.cities, ["aliases"]),
        (dataset.commitments, ["partner_economies", "partnership_ids"]),
    ]:
        for column in columns:
            assert frame[column].map(type).eq(tuple).all(), column
    assert dataset.partnerships.at[9, "partner_economies"] == ("CHE", "SWE")
    assert dataset.cities.at["naypyidaw", "aliases"] == ("Nay Pyi Taw", "Naypyitaw")
    assert dataset.cities.at["bangkok", "aliases"] == ()
    assert dataset.commitments.at[7, "partnership_ids"] == (19,)


def test_year_is_nullable_int_with_na_for_unknown(dataset):
    years = dataset.partnerships["year"]
    assert years.dtype == "Int64"
    assert years[12] == 2014
    assert years.isna()[3] and years[years.index <= 20].isna().sum() == 7  # Table 2's seven unknown years
    assert dataset.commitments["table1_row"].dtype == "Int64"


def test_numbers_and_indexes_are_typed(dataset):
    cities = dataset.cities
    assert cities["lat"].dtype == "float64" and cities["lon"].dtype == "float64"
    assert cities.at["singapore", "lat"] == pytest.approx(1.28967)
    assert cities["joined"].dtype == "int64"
    assert dataset.partnerships.index.dtype == "int64"
    assert dataset.commitments["amount"].dtype == "float64"
    assert pd.isna(dataset.commitments.at[1, "amount"])
    assert dataset.economies["asean_member"].dtype == bool


def test_ascn_data_dir_is_respected(tmp_path, monkeypatch):
    data_dir = copy_data(tmp_path)
    set_cell(data_dir, "partnerships.csv", "5", "title", "Pundi X and the City of Phnom Penh")
    monkeypatch.setenv("ASCN_DATA_DIR", str(data_dir))
    assert data_dir_from_env() == data_dir and settings_from_env().data_dir == data_dir
    assert load_dataset(settings_from_env().data_dir).partnerships.at[5, "title"] == "Pundi X and the City of Phnom Penh"


def test_ascn_data_dir_with_broken_data_raises(tmp_path, monkeypatch):
    data_dir = copy_data(tmp_path)
    set_cell(data_dir, "cities.csv", "rayong", "joined", "2017")
    monkeypatch.setenv("ASCN_DATA_DIR", str(data_dir))
    with pytest.raises(DataError) as caught:
        load_dataset(settings_from_env().data_dir)
    assert caught.value.data_dir == data_dir
    assert "cities.csv:27: column 'joined': value '2017'" in str(caught.value)


@pytest.mark.parametrize("table", ["economies", "cities", "partnerships", "commitments", "events"])
def test_changing_a_frame_does_not_change_the_next_callers(dataset, table):
    first = getattr(dataset, table)
    pristine = first.copy(deep=True)
    first.loc[first.index[0], first.columns[0]] = "changed"  # upcasts where needed: any change will do
    first["added"] = 1
    first = first.drop(index=first.index[-1]).sort_index(ascending=False)
    first.iloc[0, 0] = "changed again"
    pd.testing.assert_frame_equal(getattr(dataset, table), pristine)


def test_writing_through_to_numpy_does_not_change_the_next_callers():
    dataset = load_dataset(DATA)  # its own: a leak must not spoil the other tests' dataset
    titles = dataset.partnerships["title"].to_numpy()
    try:
        titles[0] = "changed"
    except ValueError:  # a read-only array is a fine answer too
        pass
    assert dataset.partnerships.at[1, "title"] != "changed"


def test_changing_the_geometry_does_not_change_the_next_callers(dataset):
    geometry = dataset.geometry
    count = len(geometry["features"])
    geometry["features"].clear()
    assert len(dataset.geometry["features"]) == count > 0
