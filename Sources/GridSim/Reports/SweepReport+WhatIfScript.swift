/// The what-if page's own style and script (``SweepReport/whatIf``: its markup and data).
extension SweepReport {
  /// The page's own rules, after the reports' (``ReportDocument/style``).
  static let style = """
    .wide{overflow-x:auto;margin:.5em 0 1em}.wide table{margin:0}
    code,.link{overflow-wrap:anywhere}
    .controls{display:flex;flex-wrap:wrap;gap:.6em;margin:.5em 0 1em}
    .controls fieldset{border:1px solid #999;padding:.3em .6em .5em;margin:0;min-width:0;max-width:100%}
    .controls legend{font-size:.85em;padding:0 .3em;overflow-wrap:anywhere}
    .controls button{font:inherit;font-size:.95em;min-height:34px;min-width:44px;margin:.2em .25em 0 0;padding:.2em .6em;border:1px solid #222;background:#fff;color:#111;border-radius:3px;cursor:pointer;overflow-wrap:anywhere;max-width:100%}
    .controls button[aria-pressed=true]{background:#111;color:#fff;font-weight:bold}
    .values{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9em;overflow-wrap:anywhere}
    .notice{border:2px dashed #222;padding:.3em .6em}
    .staff b{font-size:1.15em}
    tr.missed td{font-weight:bold}
    .legend{font-size:.85em;color:#333}
    table.grid{width:auto}table.grid th,table.grid td{text-align:left;vertical-align:middle}
    a.pt{display:inline-block;border:1px solid #222;padding:.15em .45em;margin:.1em 0;color:#111;text-decoration:none;white-space:nowrap;border-radius:3px}
    a.pt.missed{border-style:dashed}
    a.pt.on{background:#111;color:#fff}
    a.pt .n{font-size:.8em;color:inherit;opacity:.75}
    .filters{display:flex;flex-wrap:wrap;gap:.4em 1em;margin:.4em 0}
    .filters label{font-size:.9em}
    .filters select{font:inherit;max-width:100%}
    ol.list{list-style:none;padding:0;margin:.3em 0}
    ol.list li{margin:.25em 0;overflow-wrap:anywhere}
    ol.list .vals{font-size:.85em;color:#333}
    figure{overflow-x:auto}
    @media (max-width:600px){body{padding:12px}h1{font-size:1.3em}figure svg{min-width:660px}
    #targets thead{display:none}#targets,#targets tbody,#targets tr,#targets td{display:block;width:auto}
    #targets tr{border-bottom:2px solid #222;padding:.3em 0}#targets td{border:0;text-align:left;padding:1px 4px}
    #targets td.name{font-weight:bold}#targets td[data-label]::before{content:attr(data-label) "：";color:#444;font-weight:normal}
    html[lang=en] #targets td[data-label]::before{content:attr(data-label) ": "}}
    @media print{.controls,.filters,#only-met,#shown,noscript{display:none}#permalink::after{content:" (" attr(href) ")"}ol.list li[hidden]{display:none}a.pt{border-width:1px}}
    """

  /// The page's script: chooses a point from the fragment or the controls, and shows it.
  static let script = """
    (function () {
      'use strict';
      var data = JSON.parse(document.getElementById('gridsim-data').textContent);
      var points = data.points, keys = data.keys;
      function $(id) { return document.getElementById(id); }
      function bare(v) { return String(v).trim().replace(/^(["'])(.*)\\1$/, '$2'); }
      function hashOf(i) {
        var p = points[i];
        var first = points.findIndex(function (q) { return q.values.join('\\u0000') === p.values.join('\\u0000'); });
        if (first !== i || keys.length === 0) return 'point=' + (i + 1);
        return 'point=' + keys.map(function (k, j) {
          return encodeURIComponent(k) + '=' + encodeURIComponent(p.values[j]);
        }).join('&');
      }
      // The point the fragment names: its index, null without one, -1 when none matches.
      function fromHash() {
        var h = location.hash.replace(/^#/, '');
        if (h.indexOf('point=') !== 0) return { index: null };
        var spec = h.slice(6);
        if (/^[0-9]+$/.test(spec)) {
          var n = parseInt(spec, 10);
          return { index: n >= 1 && n <= points.length ? n - 1 : -1, spec: spec };
        }
        var wanted = [];
        var parts = spec.split('&');
        for (var i = 0; i < parts.length; i++) {
          var eq = parts[i].indexOf('=');
          if (eq < 0) return { index: -1, spec: spec };
          var key, value;
          try {
            key = decodeURIComponent(parts[i].slice(0, eq));
            value = decodeURIComponent(parts[i].slice(eq + 1));
          } catch (e) { return { index: -1, spec: spec }; }
          var k = keys.indexOf(key);
          if (k < 0) return { index: -1, spec: spec };
          wanted.push([k, bare(value)]);
        }
        var found = points.findIndex(function (p) {
          return wanted.every(function (w) { return bare(p.values[w[0]]) === w[1]; });
        });
        return { index: found, spec: spec };
      }
      function draw(id, series, g) {
        var el = $(id);
        if (!el) return;
        var d = '', pen = false;
        (series || []).forEach(function (v, day) {
          if (v === null) { pen = false; return; }
          var x = g.x0 + (day + 0.5) * g.step;
          var y = g.yLow + (Math.min(Math.max(v, g.lo), g.hi) - g.lo) / (g.hi - g.lo) * (g.yHigh - g.yLow);
          d += (pen ? 'L' : 'M') + x.toFixed(1) + ' ' + y.toFixed(1);
          pen = true;
        });
        el.setAttribute('d', d);
      }
      var current = 0;
      function show(i) {
        current = i;
        var p = points[i];
        $('point-title').textContent = p.title;
        $('point-values').textContent = p.label;
        $('verdict').textContent = p.verdict;
        $('verdict').className = 'verdict' + (p.met ? '' : ' missed');
        $('staff').textContent = p.staffHours;
        $('standing').textContent = p.standing;
        p.targets.forEach(function (t, j) {
          $('t' + j + '-est').textContent = t.estimate;
          $('t' + j + '-int').textContent = t.interval;
          $('t' + j + '-met').textContent = t.result;
          $('t' + j).className = t.met ? 'met' : 'missed';
        });
        document.querySelectorAll('.controls button').forEach(function (b) {
          var k = +b.dataset.k;
          b.setAttribute('aria-pressed', String(data.axes[k][+b.dataset.i] === p.values[k]));
        });
        document.querySelectorAll('a.pt').forEach(function (a) {
          a.classList.toggle('on', +a.dataset.point === i + 1);
        });
        var link = $('permalink');
        link.setAttribute('href', '#' + hashOf(i));
        link.textContent = 'whatif.html#' + hashOf(i);
        if (data.charts.ontime) {
          draw('ontime-point', p.onTime, data.charts.ontime);
          draw('ontime-best', data.best === null ? [] : points[data.best].onTime, data.charts.ontime);
        }
        if (data.charts.backlog) {
          (p.backlog || []).forEach(function (s, t) { draw('backlog-' + t, s, data.charts.backlog); });
        }
        document.title = document.title.split(' · ')[0] + ' · ' + p.title;
      }
      function route() {
        var asked = fromHash();
        var fallback = data.best === null ? 0 : data.best;
        var notice = $('notice');
        if (asked.index === null || asked.index >= 0) {
          notice.hidden = true;
          show(asked.index === null ? fallback : asked.index);
        } else {
          notice.textContent = data.words.noMatch.replace('{hash}', asked.spec).replace('{n}', String(fallback + 1));
          notice.hidden = false;
          show(fallback);
        }
      }
      document.querySelectorAll('.controls button').forEach(function (b) {
        b.addEventListener('click', function () {
          var k = +b.dataset.k, v = data.axes[k][+b.dataset.i];
          var want = points[current].values.slice();
          want[k] = v;
          // The point with this value that keeps most of the others.
          var best = -1, score = -1;
          points.forEach(function (p, i) {
            if (p.values[k] !== v) return;
            var s = p.values.filter(function (x, j) { return x === want[j]; }).length;
            if (s > score) { best = i; score = s; }
          });
          if (best >= 0) location.hash = hashOf(best);
        });
      });
      var selects = document.querySelectorAll('.filters select');
      var onlyMet = $('only-met');
      function filter() {
        var n = 0, items = document.querySelectorAll('ol.list li');
        items.forEach(function (li) {
          var v = li.dataset.v.split(' ');
          var ok = (!onlyMet || !onlyMet.checked || li.dataset.met === '1');
          selects.forEach(function (s) { if (s.value !== '' && v[+s.dataset.k] !== s.value) ok = false; });
          li.hidden = !ok;
          if (ok) n++;
        });
        if ($('shown')) $('shown').textContent = data.words.shown.replace('{n}', String(n)).replace('{all}', String(items.length));
      }
      selects.forEach(function (s) { s.addEventListener('change', filter); });
      if (onlyMet) onlyMet.addEventListener('change', filter);
      filter();
      window.addEventListener('hashchange', route);
      route();
    })();
    """
}
