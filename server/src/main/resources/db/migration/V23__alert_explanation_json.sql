-- An alert's explanation is written once, when the alert is created, and read whole; nothing queries inside it.
-- Stored as json (validated text, kept as written, key order included) rather than jsonb: a province's first run
-- writes ~480 k of them at ~2 KB, and parsing each into jsonb's binary form took about half of that run's time in
-- PostgreSQL (measured: 482 k explanations, jsonb 23-45 s, json 14 s on the same VM). See docs/benchmarks.md.
alter table alert alter column explanation type json using explanation::json;
