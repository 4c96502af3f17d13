-- A handed-over alert is closed when case work is done with it (its case decided, or its new risk added to a
-- monitored household). Closed alerts no longer cover their rules; like a dismissal, a quiet period follows.
alter table alert drop constraint alert_status_check;
alter table alert add constraint alert_status_check
    check (status in ('NEW', 'ASSIGNED', 'CONFIRMED', 'DISMISSED', 'HANDED', 'CLOSED'));
alter table alert add column closed_at timestamptz;
alter table alert_event drop constraint if exists alert_event_to_status_check;
