package org.creditpipeline.ingest;

import org.creditpipeline.normalize.RegionCodes;

/**
 * The region of the node that ingests (辖区): rows stating a region outside it are rejected, rows whose region is
 * unknown or only derived from outside it take this one (the data was collected by this node's credit department).
 * Absent for a node outside the configured hierarchy and for the national node, which hold every region.
 *
 * @param code GB/T 2260 code of a county, city or province, e.g. 520102
 * @param name the node's name as configured, e.g. 南明区
 */
public record NodeRegion(String code, String name) {

    public NodeRegion {
        if (RegionCodes.level(code) == null) {
            throw new IllegalArgumentException("node region '" + code + "' is not a GB/T 2260 code");
        }
    }

    /** Same rule as {@code NodeConfig.covers} for a county, city or province node: equal, same 4 or same 2 digits. */
    public boolean covers(String region) {
        return RegionCodes.isWithin(region, code);
    }

    /** How the data officer knows the node: 南明区 520102. */
    public String describe() {
        return name + " " + code;
    }
}
