-- A university's existing patents loaded from a list (issue 25): each row makes a disclosure marked as imported — filed
-- before the platform, so without an evaluation recorded here — its inventors and its patent.
alter table ip_disclosure add column imported boolean not null default false;
