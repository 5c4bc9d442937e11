-- Expand only: a new column with a default, so the running version keeps working (blue-green safe).
alter table items add column tags text[] not null default '{}';
create index items_tags_idx on items using gin (tags);
