-- No audit row may have two successors: the chain cannot fork (issue 14; PostgreSQL has the same).
CREATE UNIQUE INDEX audit_log_one_successor ON audit_log(prev_hash);
