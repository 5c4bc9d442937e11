create table orders (
    id         bigserial primary key,
    item_id    bigint      not null references items (id),
    quantity   int         not null check (quantity > 0),
    ordered_at timestamptz not null default now()
);
create index orders_item_idx on orders (item_id);
