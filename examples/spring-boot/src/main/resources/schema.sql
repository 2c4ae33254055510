create table if not exists orders (id bigint primary key, item varchar(100) not null);
merge into orders key (id) values (1, 'coffee beans'), (2, 'espresso cups');
