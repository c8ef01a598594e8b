"""Pages and the callbacks that wire their ids."""
