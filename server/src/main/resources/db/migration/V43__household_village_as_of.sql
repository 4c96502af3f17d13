-- The households of some villages as they stood on a day (every version, not only the current ones): the lists behind
-- a province's statistics read a page's villages by it, and a county's as-of figures and a sample's frame read their
-- villages' versions without scanning the whole table.
create index household_village_as_of on household (village_code, valid_from);
