// The public figures page: fills the figures from the public summary API (no inline script: see the CSP).
fetch('/api/v1/public/summary').then(r => r.json()).then(d => {
  const set = (id, v) => document.getElementById(id).textContent = v;
  set('requests', d.requests); set('closed', d.closed);
  set('satisfaction', d.satisfactionRate == null ? '–' : (100 * d.satisfactionRate).toFixed(1) + '%');
  set('handling', d.averageHandlingHours == null ? '–' : d.averageHandlingHours.toFixed(1));
  set('month', d.requestsThisMonth + ' / ' + d.closedThisMonth);
  const ol = document.getElementById('categories');
  d.topCategories.forEach(c => { const li = document.createElement('li'); li.textContent = c.name + '（' + c.count + '）'; ol.appendChild(li); });
  document.body.dataset.loaded = 'true';
});
