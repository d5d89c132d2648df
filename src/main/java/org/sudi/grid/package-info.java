/**
 * Grids and geography (管理网格化): basic grids (基础网格) under villages and special grids (专属网格)
 * around schools, hospitals, markets, industrial parks and construction sites, with their grid workers;
 * locating a point ({@link org.sudi.grid.Locator}); GeoJSON import and export; the demo geography;
 * patrols (巡查) and the case counts per grid for maps. Sits above casework: it answers casework's
 * {@link org.sudi.casework.CasePlaces} and files cases through {@link org.sudi.casework.CaseFiling}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Grid")
package org.sudi.grid;
