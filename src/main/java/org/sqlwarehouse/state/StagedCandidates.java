package org.sqlwarehouse.state;

import java.util.Map;

/**
 * The candidates the last verify of a protected target staged (_warehouse_candidates).
 *
 * @param fingerprints node unique id to the fingerprint its candidate was built from
 * @param tested       whether the data tests ran on them; false when any row says otherwise or
 *                     does not say (rows staged before this was recorded)
 */
public record StagedCandidates(Map<String, String> fingerprints, boolean tested) {
}
