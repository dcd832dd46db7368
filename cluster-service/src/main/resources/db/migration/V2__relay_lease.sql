-- Which cluster-service instance publishes the outbox: one at a time keeps records in order.
CREATE TABLE relay_lease (
    id          INT PRIMARY KEY,
    owner       TEXT,
    lease_until TIMESTAMPTZ
);
INSERT INTO relay_lease (id) VALUES (1);
