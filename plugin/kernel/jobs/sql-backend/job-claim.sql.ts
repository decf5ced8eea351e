/** The statements of a job claim, built once per jobs table. */
export interface ClaimStatements {
    /**
     * MySQL/MariaDB, inside the claim transaction: the job with the oldest lock
     * that has outlived its lifetime (worker died). Params: name, lockDeadline.
     */
    stale: string;
    /**
     * MySQL/MariaDB, inside the claim transaction: the next due unlocked job,
     * earliest first, then highest priority. Params: name, nextScanAt.
     */
    ready: string;
    /** MySQL/MariaDB: marks the chosen row locked. Params: lockedAt, lastModifiedBy, id. */
    lock: string;
    /** MySQL/MariaDB: the claimed row as locked. Params: id. */
    row: string;
    /**
     * SQLite: the whole claim in one statement (stale first, else ready), which
     * is atomic across processes. Params: lockedAt, lastModifiedBy, name,
     * lockDeadline, name, nextScanAt.
     */
    sqlite: string;
}

/**
 * The find-and-lock SQL. Both SELECTs follow the claim index
 * `(name, disabled, locked_at, next_run_at, priority DESC)`: the ready one
 * reads it in ORDER BY order from the `locked_at IS NULL` part, the stale one
 * from the `locked_at <= deadline` range, so neither sorts and `SKIP LOCKED`
 * passes over rows other claimers hold instead of waiting for them. They
 * select only `id`, so the index covers them: MariaDB then seeks straight to
 * the `next_run_at` range, where for `SELECT *` it prefers a `ref` on the first
 * three parts and walks every finished job (next run NULL sorts first).
 */
export function claimStatements(table: string): ClaimStatements {
    const staleWhere = 'name = ? AND disabled = 0 AND locked_at <= ?';
    const readyWhere = 'name = ? AND disabled = 0 AND locked_at IS NULL AND next_run_at <= ?';
    const staleOrder = 'ORDER BY locked_at ASC LIMIT 1';
    const readyOrder = 'ORDER BY next_run_at ASC, priority DESC LIMIT 1';
    return {
        stale: `SELECT id FROM ${table} WHERE ${staleWhere} ${staleOrder} FOR UPDATE SKIP LOCKED`,
        ready: `SELECT id FROM ${table} WHERE ${readyWhere} ${readyOrder} FOR UPDATE SKIP LOCKED`,
        lock: `UPDATE ${table} SET locked_at = ?, last_modified_by = ? WHERE id = ?`,
        row: `SELECT * FROM ${table} WHERE id = ?`,
        sqlite:
            `UPDATE ${table} SET locked_at = ?, last_modified_by = ? WHERE id = COALESCE(` +
            `(SELECT id FROM ${table} WHERE ${staleWhere} ${staleOrder}), ` +
            `(SELECT id FROM ${table} WHERE ${readyWhere} ${readyOrder})) RETURNING *`,
    };
}
