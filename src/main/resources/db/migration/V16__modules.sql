-- T-M1: a module is an app that other apps embed as a component. It is stored, granted, released
-- and duplicated like an app; only its kind (and the "module" part of its document) differ.
alter table apps add column kind text not null default 'app' check (kind in ('app', 'module'));
