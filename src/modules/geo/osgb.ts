/**
 * British National Grid (OSGB36 eastings/northings) to WGS84 latitude/longitude.
 *
 * Ordnance Survey's Code-Point Open gives postcode positions as grid
 * references, not latitude/longitude, so deriving outward-code centroids from
 * it needs this conversion. Formulae from Ordnance Survey's "A Guide to
 * Coordinate Systems in Great Britain": inverse Transverse Mercator on the
 * Airy 1830 ellipsoid, then a 7-parameter Helmert transformation to WGS84
 * (accurate to a few metres, ample for postcode centroids).
 */

const AIRY_1830 = { a: 6_377_563.396, b: 6_356_256.909 };
const WGS84 = { a: 6_378_137.0, b: 6_356_752.314245 };
const NATIONAL_GRID = { F0: 0.9996012717, lat0: 49, lon0: -2, E0: 400_000, N0: -100_000 };
/**
 * OSGB36 -> WGS84: the negation of OS's published WGS84 -> OSGB36 parameters
 * (tx -446.448 m, ty +125.157 m, tz -542.060 m, s +20.4894 ppm,
 * rx -0.1502", ry -0.2470", rz -0.8421").
 */
const HELMERT_TO_WGS84 = { tx: 446.448, ty: -125.157, tz: 542.06, s: -20.4894, rx: 0.1502, ry: 0.247, rz: 0.8421 };

const RAD = Math.PI / 180;

/** Grid reference to OSGB36 latitude/longitude in degrees (no datum change). */
export function gridToOsgb36(easting: number, northing: number): { latitude: number; longitude: number } {
  const { a, b } = AIRY_1830;
  const { F0, E0, N0 } = NATIONAL_GRID;
  const lat0 = NATIONAL_GRID.lat0 * RAD;
  const lon0 = NATIONAL_GRID.lon0 * RAD;
  const e2 = 1 - (b * b) / (a * a);
  const n = (a - b) / (a + b);
  const n2 = n * n;
  const n3 = n2 * n;

  const meridionalArc = (lat: number): number => {
    const dLat = lat - lat0;
    const sLat = lat + lat0;
    return (
      b *
      F0 *
      ((1 + n + (5 / 4) * n2 + (5 / 4) * n3) * dLat -
        (3 * n + 3 * n2 + (21 / 8) * n3) * Math.sin(dLat) * Math.cos(sLat) +
        ((15 / 8) * n2 + (15 / 8) * n3) * Math.sin(2 * dLat) * Math.cos(2 * sLat) -
        (35 / 24) * n3 * Math.sin(3 * dLat) * Math.cos(3 * sLat))
    );
  };

  let lat = lat0;
  let M = 0;
  do {
    lat = (northing - N0 - M) / (a * F0) + lat;
    M = meridionalArc(lat);
  } while (Math.abs(northing - N0 - M) >= 0.00001); // to 0.01 mm

  const sinLat = Math.sin(lat);
  const cosLat = Math.cos(lat);
  const nu = (a * F0) / Math.sqrt(1 - e2 * sinLat * sinLat);
  const rho = (a * F0 * (1 - e2)) / Math.pow(1 - e2 * sinLat * sinLat, 1.5);
  const eta2 = nu / rho - 1;
  const tanLat = Math.tan(lat);
  const tan2 = tanLat * tanLat;
  const tan4 = tan2 * tan2;
  const tan6 = tan4 * tan2;
  const secLat = 1 / cosLat;
  const nu3 = nu * nu * nu;
  const nu5 = nu3 * nu * nu;
  const nu7 = nu5 * nu * nu;

  const VII = tanLat / (2 * rho * nu);
  const VIII = (tanLat / (24 * rho * nu3)) * (5 + 3 * tan2 + eta2 - 9 * tan2 * eta2);
  const IX = (tanLat / (720 * rho * nu5)) * (61 + 90 * tan2 + 45 * tan4);
  const X = secLat / nu;
  const XI = (secLat / (6 * nu3)) * (nu / rho + 2 * tan2);
  const XII = (secLat / (120 * nu5)) * (5 + 28 * tan2 + 24 * tan4);
  const XIIA = (secLat / (5040 * nu7)) * (61 + 662 * tan2 + 1320 * tan4 + 720 * tan6);

  const dE = easting - E0;
  const latitude = lat - VII * dE ** 2 + VIII * dE ** 4 - IX * dE ** 6;
  const longitude = lon0 + X * dE - XI * dE ** 3 + XII * dE ** 5 - XIIA * dE ** 7;
  return { latitude: latitude / RAD, longitude: longitude / RAD };
}

/** OSGB36 latitude/longitude to WGS84 (Helmert transformation via Cartesian coordinates). */
export function osgb36ToWgs84(latitude: number, longitude: number): { latitude: number; longitude: number } {
  // geodetic -> Cartesian on Airy 1830 (height 0)
  const { a: a1, b: b1 } = AIRY_1830;
  const e2a = 1 - (b1 * b1) / (a1 * a1);
  const lat = latitude * RAD;
  const lon = longitude * RAD;
  const nu = a1 / Math.sqrt(1 - e2a * Math.sin(lat) ** 2);
  const x1 = nu * Math.cos(lat) * Math.cos(lon);
  const y1 = nu * Math.cos(lat) * Math.sin(lon);
  const z1 = (1 - e2a) * nu * Math.sin(lat);

  const { tx, ty, tz, s, rx, ry, rz } = HELMERT_TO_WGS84;
  const sc = s / 1e6;
  const arcsec = RAD / 3600;
  const [rX, rY, rZ] = [rx * arcsec, ry * arcsec, rz * arcsec];
  const x2 = tx + (1 + sc) * x1 - rZ * y1 + rY * z1;
  const y2 = ty + rZ * x1 + (1 + sc) * y1 - rX * z1;
  const z2 = tz - rY * x1 + rX * y1 + (1 + sc) * z1;

  // Cartesian -> geodetic on WGS84
  const { a, b } = WGS84;
  const e2 = 1 - (b * b) / (a * a);
  const p = Math.hypot(x2, y2);
  let phi = Math.atan2(z2, p * (1 - e2));
  for (let i = 0; i < 10; i++) {
    const v = a / Math.sqrt(1 - e2 * Math.sin(phi) ** 2);
    const next = Math.atan2(z2 + e2 * v * Math.sin(phi), p);
    if (Math.abs(next - phi) < 1e-12) {
      phi = next;
      break;
    }
    phi = next;
  }
  return { latitude: phi / RAD, longitude: Math.atan2(y2, x2) / RAD };
}

/** British National Grid eastings/northings (metres) to WGS84 latitude/longitude in degrees. */
export function gridToWgs84(easting: number, northing: number): { latitude: number; longitude: number } {
  const osgb = gridToOsgb36(easting, northing);
  return osgb36ToWgs84(osgb.latitude, osgb.longitude);
}
