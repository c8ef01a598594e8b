"""Plain HTTP routes beside the Dash page: the data API and the country geometry."""
