package dev.evolve.engine.db;

/**
 * What the in-heap index keeps per program: enough to select, never the source (sources stay in SQLite, so the heap
 * stays flat however long the run).
 *
 * @param seq    order stored (1-based); breaks score ties in favour of the earlier program
 * @param id     the program id
 * @param score  its score (0 unless measured)
 * @param cell   its grid cell index, or -1 when it is not measured
 * @param island the island it was produced for
 */
record Entry(long seq, String id, double score, int cell, int island) {

    boolean measured() {
        return cell >= 0;
    }

    /** Higher score first, then the earlier program. */
    boolean beats(Entry other) {
        return score > other.score || (score == other.score && seq < other.seq);
    }
}
