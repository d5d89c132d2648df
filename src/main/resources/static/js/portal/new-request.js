// The portal's new-request form: at most 9 photos, "use my location", and the map picker when tiles are
// configured (Leaflet is loaded before this file then). Kept out of the page: the CSP allows no inline script.
(function () {
  var input = document.getElementById('photos');
  if (input) {
    input.addEventListener('change', function () {
      if (input.files.length > 9) { alert(input.dataset.tooMany || '最多 9 张 / at most 9 photos'); input.value = ''; }
    });
  }
  var button = document.getElementById('locate');
  if (button && navigator.geolocation) {
    button.hidden = false;
    button.addEventListener('click', function () {
      navigator.geolocation.getCurrentPosition(function (p) {
        document.getElementById('lat').value = p.coords.latitude.toFixed(6);
        document.getElementById('lon').value = p.coords.longitude.toFixed(6);
        document.getElementById('located').hidden = false;
      }, function () { button.disabled = true; }, { timeout: 10000 });
    });
  }
  var el = document.getElementById('map');
  if (!window.L || !el || !el.dataset.tiles) { return; }
  el.hidden = false;
  var map = L.map(el).setView([34.77, 117.59], 13), marker;
  L.tileLayer(el.dataset.tiles, { attribution: el.dataset.attribution || '' }).addTo(map);
  map.on('click', function (e) {
    if (marker) { marker.setLatLng(e.latlng); } else { marker = L.marker(e.latlng).addTo(map); }
    document.getElementById('lat').value = e.latlng.lat.toFixed(6);
    document.getElementById('lon').value = e.latlng.lng.toFixed(6);
  });
})();
