-- The people work may be given to (issue 20) are found by their region: a county's cadres by the county's range.
create index app_user_region on app_user (region_code) where enabled;
