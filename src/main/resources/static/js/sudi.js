// Sends the CSRF token with every htmx request. A form's own hidden field wins: it comes with the
// page that holds the form, while the <meta> tag stays as the first full page load left it (a boosted
// navigation swaps the body, not the head), e.g. the sign-in page's token, replaced at sign-in.
document.addEventListener('htmx:configRequest', function (event) {
  if (event.detail.parameters && event.detail.parameters['_csrf']) {
    return;
  }
  var token = document.querySelector('meta[name="_csrf"]');
  var header = document.querySelector('meta[name="_csrf_header"]');
  if (token && header) {
    event.detail.headers[header.content] = token.content;
  }
});

// Maps: Leaflet on a blank canvas (no external tiles unless configured), drawing only the case's point
// and the polygons handed in as GeoJSON. Every map has a text alternative next to it in the page.
window.sudiMap = function (element) {
  if (!window.L || !element) { return null; }
  var lat = parseFloat(element.dataset.lat), lon = parseFloat(element.dataset.lon);
  var centre = [parseFloat(element.dataset.centerLat || '34.77'), parseFloat(element.dataset.centerLon || '117.59')];
  var map = L.map(element, { attributionControl: false, keyboard: true }).setView(isNaN(lat) ? centre : [lat, lon], 13);
  if (element.dataset.tiles) {
    L.tileLayer(element.dataset.tiles, { maxZoom: 19 }).addTo(map);
  }
  L.control.scale({ imperial: false }).addTo(map);
  if (element.dataset.geojson) {
    try {
      var layer = L.geoJSON(JSON.parse(element.dataset.geojson), { style: { color: '#1d4ed8', weight: 2, fillOpacity: 0.08 } }).addTo(map);
      if (isNaN(lat)) { map.fitBounds(layer.getBounds()); }
    } catch (e) { /* the text alternative stays */ }
  }
  var marker = null;
  if (!isNaN(lat)) {
    marker = L.circleMarker([lat, lon], { radius: 9, color: '#9b1c1c', fillOpacity: 0.7 }).addTo(map);
  }
  if (element.dataset.pick) {
    // Intake: a click sets the point fields (they can also be typed).
    var latField = document.getElementById(element.dataset.pickLat);
    var lonField = document.getElementById(element.dataset.pickLon);
    map.on('click', function (e) {
      var p = e.latlng;
      if (marker) { marker.setLatLng(p); } else { marker = L.circleMarker(p, { radius: 9, color: '#9b1c1c', fillOpacity: 0.7 }).addTo(map); }
      latField.value = p.lat.toFixed(6);
      lonField.value = p.lng.toFixed(6);
    });
  }
  return map;
};
// Bar charts (ECharts) from data-labels / data-values ("|"-separated); ECharts is loaded on first use
// from data-echarts, so only pages with a chart fetch it.
function sudiBarChart(el) {
  if (!window.echarts) {
    var script = document.querySelector('script[data-echarts-loader]');
    if (!script) {
      script = document.createElement('script');
      script.src = el.dataset.echarts;
      script.setAttribute('data-echarts-loader', '');
      document.head.appendChild(script);
    }
    script.addEventListener('load', function () { sudiBarChart(el); });
    return;
  }
  var chart = echarts.init(el);
  chart.setOption({ animation: false, grid: { left: 40, right: 10, top: 10, bottom: 40 },
    xAxis: { type: 'category', data: el.dataset.labels.split('|'), axisLabel: { interval: 0, fontSize: 11 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', data: el.dataset.values.split('|').map(Number), itemStyle: { color: '#8b1a1a' } }] });
}
function sudiInit(root) {
  (root || document).querySelectorAll('[data-bar-chart]').forEach(function (el) {
    if (!el.dataset.ready) { el.dataset.ready = '1'; sudiBarChart(el); }
  });
  (root || document).querySelectorAll('[data-map]').forEach(function (el) {
    if (!el.dataset.ready) { el.dataset.ready = '1'; window.sudiMap(el); }
  });
  // Dispatch: choosing a duty item proposes its unit as the lead, if none is chosen yet.
  (root || document).querySelectorAll('input[name="dutyId"][data-org]').forEach(function (radio) {
    radio.addEventListener('change', function () {
      var lead = document.getElementById('dispatch-lead');
      if (lead && !lead.value) { lead.value = radio.dataset.org; }
    });
  });
}
document.addEventListener('DOMContentLoaded', function () { sudiInit(document); });
document.addEventListener('htmx:afterSettle', function (e) { sudiInit(e.detail.elt); });
