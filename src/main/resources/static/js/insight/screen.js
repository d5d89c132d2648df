(function () {
  const { api, require, events, esc } = window.SudiAuth;
  const TYPE = { LIVELIHOOD: '民生', ENFORCEMENT: '执法', DEVELOPMENT: '发展' };
  const charts = {};
  const text = { color: '#d6e4ff' };
  // Tooltips drawn on the canvas: ECharts' HTML tooltips carry style attributes, which the CSP refuses.
  const tip = { renderMode: 'richText' };
  function chart(id) { return charts[id] || (charts[id] = echarts.init(document.getElementById(id), null, { renderer: 'canvas' })); }
  function table(id, head, rows) {
    document.getElementById(id).innerHTML = '<table><thead><tr>' + head.map(h => '<th scope="col">' + esc(h) + '</th>').join('') +
      '</tr></thead><tbody>' + rows.map(r => '<tr>' + r.map(c => '<td>' + esc(c) + '</td>').join('') + '</tr>').join('') + '</tbody></table>';
  }
  function pct(x) { return x == null ? '–' : (100 * x).toFixed(1) + '%'; }
  function render(d) {
    document.getElementById('kpi-today').textContent = d.today.submitted;
    document.getElementById('kpi-today-closed').textContent = d.today.closed;
    document.getElementById('kpi-month').textContent = d.month.submitted;
    document.getElementById('kpi-month-closed').textContent = d.month.closed;
    document.getElementById('kpi-progress').textContent = d.open.inProgress;
    document.getElementById('kpi-warning').textContent = d.open.warning;
    document.getElementById('kpi-overdue').textContent = d.open.overdue;
    document.getElementById('kpi-satisfaction').textContent = pct(d.satisfaction.rate);
    const types = Object.entries(d.month.byType);
    chart('chart-type').setOption({ textStyle: text, tooltip: tip, series: [{ type: 'pie', radius: ['40%', '70%'],
      label: { color: '#d6e4ff' }, data: types.map(([k, v]) => ({ name: (TYPE[k] || k), value: v })) }] });
    table('table-type', ['类型 type', '本月 month', '今日 today'], types.map(([k, v]) => [TYPE[k] || k, v, d.today.byType[k] || 0]));
    const channels = Object.entries(d.month.byChannel);
    chart('chart-channel').setOption({ textStyle: text, tooltip: tip, grid: { left: 80, right: 10, top: 5, bottom: 20 },
      xAxis: { type: 'value', axisLabel: text }, yAxis: { type: 'category', data: channels.map(c => c[0]), axisLabel: text },
      series: [{ type: 'bar', data: channels.map(c => c[1]), itemStyle: { color: '#3aa0ff' } }] });
    table('table-channel', ['渠道 channel', '本月 month', '今日 today'], channels.map(([k, v]) => [k, v, d.today.byChannel[k] || 0]));
    chart('chart-category').setOption({ textStyle: text, tooltip: tip, series: [{ type: 'pie', roseType: 'radius', radius: ['15%', '70%'],
      label: { color: '#d6e4ff' }, data: d.categories.map(c => ({ name: c.name, value: c.count })) }] });
    table('table-category', ['分类 category', '本月 month'], d.categories.map(c => [c.name, c.count]));
    chart('chart-trend').setOption({ textStyle: text, tooltip: { trigger: 'axis', renderMode: 'richText' }, legend: { textStyle: text, data: ['受理', '办结'] },
      grid: { left: 50, right: 20, top: 30, bottom: 25 },
      xAxis: { type: 'category', data: d.trend.map(p => p.day.slice(5)), axisLabel: text },
      yAxis: { type: 'value', axisLabel: text },
      series: [{ name: '受理', type: 'line', smooth: true, data: d.trend.map(p => p.submitted) },
               { name: '办结', type: 'line', smooth: true, data: d.trend.map(p => p.closed) }] });
    table('table-trend', ['日期 day', '受理 received', '办结 closed'], d.trend.map(p => [p.day, p.submitted, p.closed]));
    // Town-level "map": one tile per town, coloured by cases this month (grid polygons will replace the tiles).
    chart('chart-map').setOption({ textStyle: text, tooltip: tip,
      visualMap: { min: 0, max: Math.max(1, ...d.towns.map(t => t.submittedThisMonth)), inRange: { color: ['#12315e', '#3aa0ff', '#ffd25a'] }, textStyle: text, orient: 'horizontal', left: 'center', bottom: 0 },
      series: [{ type: 'treemap', roam: false, nodeClick: false, breadcrumb: { show: false }, top: 0, bottom: 40,
        label: { formatter: p => p.name + '\n' + p.value + ' / 在办 ' + p.data.open + ' / 超期 ' + p.data.overdue },
        data: d.towns.map(t => ({ name: t.name, value: Math.max(t.submittedThisMonth, 0.1), open: t.open, overdue: t.overdue })) }] });
    table('table-map', ['镇街 town', '本月受理 month', '在办 open', '超期 overdue'], d.towns.map(t => [t.name, t.submittedThisMonth, t.open, t.overdue]));
    const flag = f => f === 'ADVANCED' ? '先进集体' : f === 'DISQUALIFIED' ? '取消评先' : '';
    for (const [id, list] of [['rank-departments', d.departments], ['rank-towns', d.townRanking]]) {
      document.getElementById(id).innerHTML = '<thead><tr><th scope="col">#</th><th scope="col">单位</th><th scope="col">得分</th><th scope="col"></th></tr></thead><tbody>' +
        list.slice(0, 12).map(u => '<tr><td>' + u.rank + '</td><td>' + esc(u.name) + '</td><td>' + (u.composite == null ? '–' : u.composite.toFixed(1)) +
          '</td><td class="flag-' + esc(u.flag) + '">' + flag(u.flag) + '</td></tr>').join('') + '</tbody>';
    }
    document.body.dataset.loaded = 'true';
  }
  async function refresh() {
    const r = await api('/api/v1/screen/data');
    if (r.ok) render(await r.json());
  }
  function onFeed(item) {
    const li = document.createElement('li');
    li.className = 'new';
    li.textContent = new Date(item.at).toLocaleTimeString('zh-CN', { hour12: false }) + ' ' + item.trackingNo + ' ' + (TYPE[item.caseType] || '') +
      ' ' + (item.town || '') + ' ' + (item.category || '') + ' · ' + item.text;
    li.dataset.trackingNo = item.trackingNo;
    const feed = document.getElementById('feed');
    feed.prepend(li);
    while (feed.children.length > 50) feed.lastChild.remove();
    clearTimeout(onFeed.t);
    onFeed.t = setTimeout(refresh, 1500);
  }
  document.getElementById('signout').addEventListener('click', () => { sessionStorage.removeItem('sudi.token'); location.reload(); });
  setInterval(() => { document.getElementById('now').textContent = new Date().toLocaleString('zh-CN', { hour12: false }); }, 1000);
  require(() => {
    refresh();
    setInterval(refresh, 30000);
    events('/api/v1/screen/feed', onFeed);
    window.addEventListener('resize', () => Object.values(charts).forEach(c => c.resize()));
  });
})();
