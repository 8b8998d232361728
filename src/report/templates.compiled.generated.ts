// @ts-nocheck
// Written by scripts/embed-assets.ts from templates/: edit the source, then run `npm run embed`.
// test/architecture/embedded-assets.test.ts fails while this module is out of date.
// biome-ignore-all lint: handlebars' precompiled output, as Handlebars.precompile writes it

import type Handlebars from "handlebars";

/** each template precompiled (Handlebars.precompile, TEMPLATE_COMPILE_OPTIONS of scripts/embedded-assets.ts), by its path under templates/ */
export const TEMPLATE_SPECS: Readonly<Record<string, Parameters<typeof Handlebars.template>[0]>> = {
  "partials/fold.hbs": {"0":function(container,depth0,helpers,partials,data) {
    return "<span class=\"fold-message\">"
    + container.escapeExpression(container.lambda(container.strict(depth0, "message", {"start":{"line":4,"column":277},"end":{"line":4,"column":284}} ), depth0))
    + "</span>";
},"1":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return ((stack1 = container.invokePartial(lookupProperty(partials,"item"),depth0,{"name":"item","data":data,"helpers":helpers,"partials":partials,"decorators":container.decorators})) != null ? stack1 : "");
},"compiler":[8,">= 4.3.0"],"main":function(container,depth0,helpers,partials,data) {
    var stack1, alias1=container.strict, alias2=container.lambda, alias3=container.escapeExpression, alias4=depth0 != null ? depth0 : (container.nullContext || {}), lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "<tr class=\"fold status-"
    + alias3(alias2(alias1(depth0, "status", {"start":{"line":1,"column":25},"end":{"line":1,"column":31}} ), depth0))
    + "\">\n  <td colspan=\""
    + alias3(alias2(alias1(depth0, "outer", {"start":{"line":2,"column":17},"end":{"line":2,"column":22}} ), depth0))
    + "\">\n    <details>\n      <summary><span class=\"badge "
    + alias3(alias2(alias1(depth0, "status", {"start":{"line":4,"column":36},"end":{"line":4,"column":42}} ), depth0))
    + "\">"
    + alias3(alias2(alias1(depth0, "statusLabel", {"start":{"line":4,"column":48},"end":{"line":4,"column":59}} ), depth0))
    + "</span> <span class=\"fold-count\">"
    + alias3(alias2(alias1(depth0, "countLabel", {"start":{"line":4,"column":96},"end":{"line":4,"column":106}} ), depth0))
    + "</span> · <span class=\"num\">"
    + alias3(alias2(alias1(depth0, "score", {"start":{"line":4,"column":138},"end":{"line":4,"column":143}} ), depth0))
    + "&thinsp;/&thinsp;"
    + alias3(alias2(alias1(depth0, "maxScore", {"start":{"line":4,"column":164},"end":{"line":4,"column":172}} ), depth0))
    + " points</span> · <span class=\"fold-ids mono\">"
    + alias3(alias2(alias1(depth0, "ids", {"start":{"line":4,"column":221},"end":{"line":4,"column":224}} ), depth0))
    + "</span>"
    + ((stack1 = lookupProperty(helpers,"if").call(alias4,lookupProperty(depth0,"message"),{"name":"if","hash":{},"fn":container.program(0, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":4,"column":233},"end":{"line":4,"column":300}}})) != null ? stack1 : "")
    + "</summary>\n      <table class=\"items folded\">\n"
    + ((stack1 = container.invokePartial(lookupProperty(partials,"item-head"),depth0,{"name":"item-head","data":data,"indent":"        ","helpers":helpers,"partials":partials,"decorators":container.decorators})) != null ? stack1 : "")
    + "        <tbody>\n          "
    + ((stack1 = lookupProperty(helpers,"each").call(alias4,lookupProperty(depth0,"items"),{"name":"each","hash":{},"fn":container.program(1, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":8,"column":10},"end":{"line":8,"column":44}}})) != null ? stack1 : "")
    + "\n        </tbody>\n      </table>\n    </details>\n  </td>\n</tr>\n";
},"usePartial":true,"useData":true},
  "partials/item-head.hbs": {"0":function(container,depth0,helpers,partials,data) {
    return "  <tr><th scope=\"col\" class=\"col-item\">item</th><th scope=\"col\" class=\"col-status\">status</th><th scope=\"col\" class=\"num col-points\">points</th><th scope=\"col\">what we found</th><th scope=\"col\" class=\"col-value\">your answer</th><th scope=\"col\" class=\"col-value\">expected</th></tr>\n";
},"1":function(container,depth0,helpers,partials,data) {
    return "  <tr><th scope=\"col\" class=\"col-item\">item</th><th scope=\"col\" class=\"col-status\">status</th><th scope=\"col\" class=\"num col-points\">points</th><th scope=\"col\">what we found</th></tr>\n";
},"compiler":[8,">= 4.3.0"],"main":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "<thead>\n"
    + ((stack1 = lookupProperty(helpers,"if").call(depth0 != null ? depth0 : (container.nullContext || {}),lookupProperty(depth0,"compact"),{"name":"if","hash":{},"fn":container.program(0, data, 0),"inverse":container.program(1, data, 0),"data":data,"loc":{"start":{"line":2,"column":2},"end":{"line":6,"column":9}}})) != null ? stack1 : "")
    + "</thead>\n";
},"useData":true},
  "partials/item.hbs": {"0":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return ((stack1 = lookupProperty(helpers,"if").call(depth0 != null ? depth0 : (container.nullContext || {}),lookupProperty(data,"index"),{"name":"if","hash":{},"fn":container.program(1, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":2,"column":44},"end":{"line":2,"column":70}}})) != null ? stack1 : "")
    + container.escapeExpression(container.lambda(depth0, depth0));
},"1":function(container,depth0,helpers,partials,data) {
    return "<wbr>";
},"2":function(container,depth0,helpers,partials,data) {
    return " colspan=\""
    + container.escapeExpression(container.lambda(container.strict(depth0, "detailsSpan", {"start":{"line":5,"column":52},"end":{"line":5,"column":63}} ), depth0))
    + "\"";
},"3":function(container,depth0,helpers,partials,data) {
    return "<p class=\"message\">"
    + container.escapeExpression(container.lambda(container.strict(depth0, "message", {"start":{"line":6,"column":40},"end":{"line":6,"column":47}} ), depth0))
    + "</p>";
},"4":function(container,depth0,helpers,partials,data) {
    var alias1=container.strict, alias2=container.lambda, alias3=container.escapeExpression, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "<p class=\"diagnosis\"><span class=\"code\">"
    + alias3(alias2(alias1(lookupProperty(depth0,"diagnosis"), "code", {"start":{"line":7,"column":63},"end":{"line":7,"column":77}} ), depth0))
    + "</span> "
    + alias3(alias2(alias1(lookupProperty(depth0,"diagnosis"), "message", {"start":{"line":7,"column":89},"end":{"line":7,"column":106}} ), depth0))
    + "</p>";
},"5":function(container,depth0,helpers,partials,data) {
    return "<p class=\"feedback\">"
    + container.escapeExpression(container.lambda(container.strict(depth0, "feedback", {"start":{"line":8,"column":42},"end":{"line":8,"column":50}} ), depth0))
    + "</p>";
},"6":function(container,depth0,helpers,partials,data) {
    var stack1, alias1=depth0 != null ? depth0 : (container.nullContext || {}), lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "  <td class=\"value\">"
    + ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(depth0,"received"),{"name":"if","hash":{},"fn":container.program(7, data, 0),"inverse":container.program(8, data, 0),"data":data,"loc":{"start":{"line":11,"column":20},"end":{"line":11,"column":98}}})) != null ? stack1 : "")
    + "</td>\n  <td class=\"value\">"
    + ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(depth0,"expected"),{"name":"if","hash":{},"fn":container.program(9, data, 0),"inverse":container.program(10, data, 0),"data":data,"loc":{"start":{"line":12,"column":20},"end":{"line":12,"column":159}}})) != null ? stack1 : "")
    + "</td>\n";
},"7":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return ((stack1 = container.invokePartial(lookupProperty(partials,"value"),lookupProperty(depth0,"received"),{"name":"value","data":data,"helpers":helpers,"partials":partials,"decorators":container.decorators})) != null ? stack1 : "");
},"8":function(container,depth0,helpers,partials,data) {
    return "<span class=\"none\">—</span>";
},"9":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return ((stack1 = container.invokePartial(lookupProperty(partials,"value"),lookupProperty(depth0,"expected"),{"name":"value","data":data,"helpers":helpers,"partials":partials,"decorators":container.decorators})) != null ? stack1 : "");
},"10":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return ((stack1 = lookupProperty(helpers,"if").call(depth0 != null ? depth0 : (container.nullContext || {}),lookupProperty(depth0,"hidden"),{"name":"if","hash":{},"fn":container.program(11, data, 0),"inverse":container.program(8, data, 0),"data":data,"loc":{"start":{"line":12,"column":64},"end":{"line":12,"column":152}}})) != null ? stack1 : "");
},"11":function(container,depth0,helpers,partials,data) {
    return "<span class=\"none\">hidden</span>";
},"12":function(container,depth0,helpers,partials,data) {
    var stack1, alias1=container.strict, alias2=container.lambda, alias3=container.escapeExpression, alias4=depth0 != null ? depth0 : (container.nullContext || {}), lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "<tr class=\"values-row status-"
    + alias3(alias2(alias1(depth0, "status", {"start":{"line":16,"column":31},"end":{"line":16,"column":37}} ), depth0))
    + "\">\n  <td class=\"values-gutter\" colspan=\"3\"></td>\n  <td colspan=\""
    + alias3(alias2(alias1(depth0, "span", {"start":{"line":18,"column":17},"end":{"line":18,"column":21}} ), depth0))
    + "\">\n    <div class=\"value-pair\">\n      <figure class=\"value-block received\">\n        <figcaption>"
    + alias3(alias2(alias1(depth0, "receivedCaption", {"start":{"line":21,"column":22},"end":{"line":21,"column":37}} ), depth0))
    + "</figcaption>\n        "
    + ((stack1 = lookupProperty(helpers,"if").call(alias4,lookupProperty(depth0,"received"),{"name":"if","hash":{},"fn":container.program(13, data, 0),"inverse":container.program(8, data, 0),"data":data,"loc":{"start":{"line":22,"column":8},"end":{"line":22,"column":179}}})) != null ? stack1 : "")
    + "\n      </figure>\n      <figure class=\"value-block expected\">\n        <figcaption>"
    + alias3(alias2(alias1(depth0, "expectedCaption", {"start":{"line":25,"column":22},"end":{"line":25,"column":37}} ), depth0))
    + "</figcaption>\n        "
    + ((stack1 = lookupProperty(helpers,"if").call(alias4,lookupProperty(depth0,"expected"),{"name":"if","hash":{},"fn":container.program(14, data, 0),"inverse":container.program(10, data, 0),"data":data,"loc":{"start":{"line":26,"column":8},"end":{"line":26,"column":244}}})) != null ? stack1 : "")
    + "\n      </figure>\n    </div>\n  </td>\n</tr>\n";
},"13":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "<div class=\"value-scroll\" tabindex=\"0\" role=\"group\" aria-label=\"your answer to "
    + container.escapeExpression(container.lambda(container.strict(depth0, "id", {"start":{"line":22,"column":105},"end":{"line":22,"column":107}} ), depth0))
    + "\">"
    + ((stack1 = container.invokePartial(lookupProperty(partials,"value"),lookupProperty(depth0,"received"),{"name":"value","data":data,"helpers":helpers,"partials":partials,"decorators":container.decorators})) != null ? stack1 : "")
    + "</div>";
},"14":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "<div class=\"value-scroll\" tabindex=\"0\" role=\"group\" aria-label=\"expected answer to "
    + container.escapeExpression(container.lambda(container.strict(depth0, "id", {"start":{"line":26,"column":109},"end":{"line":26,"column":111}} ), depth0))
    + "\">"
    + ((stack1 = container.invokePartial(lookupProperty(partials,"value"),lookupProperty(depth0,"expected"),{"name":"value","data":data,"helpers":helpers,"partials":partials,"decorators":container.decorators})) != null ? stack1 : "")
    + "</div>";
},"15":function(container,depth0,helpers,partials,data) {
    var alias1=container.strict, alias2=container.lambda, alias3=container.escapeExpression, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "<tr class=\"plot-row status-"
    + alias3(alias2(alias1(depth0, "status", {"start":{"line":33,"column":29},"end":{"line":33,"column":35}} ), depth0))
    + "\">\n  <td class=\"values-gutter\" colspan=\"3\"></td>\n  <td colspan=\""
    + alias3(alias2(alias1(depth0, "span", {"start":{"line":35,"column":17},"end":{"line":35,"column":21}} ), depth0))
    + "\"><figure class=\"plot-figure\">"
    + alias3(lookupProperty(helpers,"itemPlot").call(depth0 != null ? depth0 : (container.nullContext || {}),lookupProperty(depth0,"plot"),{"name":"itemPlot","hash":{},"data":data,"loc":{"start":{"line":35,"column":53},"end":{"line":35,"column":70}}}))
    + "</figure></td>\n</tr>\n";
},"compiler":[8,">= 4.3.0"],"main":function(container,depth0,helpers,partials,data) {
    var stack1, alias1=container.strict, alias2=container.lambda, alias3=container.escapeExpression, alias4=depth0 != null ? depth0 : (container.nullContext || {}), lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "<tr class=\"item status-"
    + alias3(alias2(alias1(depth0, "status", {"start":{"line":1,"column":25},"end":{"line":1,"column":31}} ), depth0))
    + "\" data-item-id=\""
    + alias3(alias2(alias1(depth0, "id", {"start":{"line":1,"column":51},"end":{"line":1,"column":53}} ), depth0))
    + "\" data-status=\""
    + alias3(alias2(alias1(depth0, "status", {"start":{"line":1,"column":72},"end":{"line":1,"column":78}} ), depth0))
    + "\" data-score=\""
    + alias3(alias2(alias1(depth0, "score", {"start":{"line":1,"column":96},"end":{"line":1,"column":101}} ), depth0))
    + "\">\n  <td class=\"item-id mono\">"
    + ((stack1 = lookupProperty(helpers,"each").call(alias4,lookupProperty(depth0,"idParts"),{"name":"each","hash":{},"fn":container.program(0, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":2,"column":27},"end":{"line":2,"column":87}}})) != null ? stack1 : "")
    + "</td>\n  <td><span class=\"badge "
    + alias3(alias2(alias1(depth0, "status", {"start":{"line":3,"column":27},"end":{"line":3,"column":33}} ), depth0))
    + "\">"
    + alias3(alias2(alias1(depth0, "statusLabel", {"start":{"line":3,"column":39},"end":{"line":3,"column":50}} ), depth0))
    + "</span></td>\n  <td class=\"num points\">"
    + alias3(alias2(alias1(depth0, "score", {"start":{"line":4,"column":27},"end":{"line":4,"column":32}} ), depth0))
    + "&thinsp;/&thinsp;"
    + alias3(alias2(alias1(depth0, "maxScore", {"start":{"line":4,"column":53},"end":{"line":4,"column":61}} ), depth0))
    + "</td>\n  <td class=\"details\""
    + ((stack1 = lookupProperty(helpers,"if").call(alias4,lookupProperty(depth0,"detailsSpan"),{"name":"if","hash":{},"fn":container.program(2, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":5,"column":21},"end":{"line":5,"column":73}}})) != null ? stack1 : "")
    + ">\n    "
    + ((stack1 = lookupProperty(helpers,"if").call(alias4,lookupProperty(depth0,"message"),{"name":"if","hash":{},"fn":container.program(3, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":6,"column":4},"end":{"line":6,"column":60}}})) != null ? stack1 : "")
    + "\n    "
    + ((stack1 = lookupProperty(helpers,"if").call(alias4,lookupProperty(depth0,"diagnosis"),{"name":"if","hash":{},"fn":container.program(4, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":7,"column":4},"end":{"line":7,"column":119}}})) != null ? stack1 : "")
    + "\n    "
    + ((stack1 = lookupProperty(helpers,"if").call(alias4,lookupProperty(depth0,"feedback"),{"name":"if","hash":{},"fn":container.program(5, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":8,"column":4},"end":{"line":8,"column":63}}})) != null ? stack1 : "")
    + "\n  </td>\n"
    + ((stack1 = lookupProperty(helpers,"unless").call(alias4,lookupProperty(depth0,"wide"),{"name":"unless","hash":{},"fn":container.program(6, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":10,"column":2},"end":{"line":13,"column":13}}})) != null ? stack1 : "")
    + "</tr>\n"
    + ((stack1 = lookupProperty(helpers,"if").call(alias4,lookupProperty(depth0,"wide"),{"name":"if","hash":{},"fn":container.program(12, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":15,"column":0},"end":{"line":31,"column":7}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"if").call(alias4,lookupProperty(depth0,"plot"),{"name":"if","hash":{},"fn":container.program(15, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":32,"column":0},"end":{"line":37,"column":7}}})) != null ? stack1 : "");
},"usePartial":true,"useData":true},
  "partials/styles.hbs": {"compiler":[8,">= 4.3.0"],"main":function(container,depth0,helpers,partials,data) {
    return ":root {\n  --text: #1f2933;\n  --muted: #616e7c;\n  --border: #e4e7eb;\n  --page: #f5f7fa;\n  --card: #ffffff;\n  --mono: ui-monospace, SFMono-Regular, \"SF Mono\", Menlo, Consolas, \"Liberation Mono\", monospace;\n  --pass-bg: #e3f9e5; --pass-fg: #0e5814;\n  --partial-bg: #fff3c4; --partial-fg: #8d2b0b;\n  --fail-bg: #ffe3e3; --fail-fg: #8a041a;\n  --ecf-bg: #dceefb; --ecf-fg: #0b4f8a;\n  --missing-bg: #eef0f2; --missing-fg: #52606d;\n  --invalid-bg: #f3e8ff; --invalid-fg: #6b21a8;\n}\n* { box-sizing: border-box; }\nhtml { -webkit-text-size-adjust: 100%; }\nbody {\n  margin: 0;\n  background: var(--page);\n  color: var(--text);\n  font: 15px/1.5 system-ui, -apple-system, \"Segoe UI\", Roboto, \"Helvetica Neue\", Arial, \"Noto Sans\", sans-serif;\n}\n.page { max-width: 1120px; margin: 0 auto; padding: 24px 16px 48px; }\n/* a wide screen gives matrices the room: two 3×10 side by side */\n@media (min-width: 1600px) { .page { max-width: 1480px; } }\n.mono { font-family: var(--mono); font-size: 0.92em; }\nh1, h2 { line-height: 1.25; margin: 0; }\nh1 { font-size: 1.6rem; font-weight: 650; }\nh2 { font-size: 1.15rem; font-weight: 600; }\np { margin: 0; }\n\n.report-header {\n  display: grid; grid-template-columns: 1fr auto; gap: 12px 32px; align-items: end;\n  background: var(--card); border: 1px solid var(--border); border-radius: 8px; padding: 20px 24px;\n}\n.eyebrow { text-transform: uppercase; letter-spacing: 0.08em; font-size: 0.72rem; color: var(--muted); margin-bottom: 4px; }\n.assignment-id { color: var(--muted); margin-top: 2px; }\n.student { margin-top: 12px; font-size: 1.05rem; }\n.student-name { font-weight: 600; margin-right: 8px; }\n.student-id { color: var(--muted); }\n.header-score { text-align: right; }\n.header-summary { grid-column: 1 / -1; }\n.total { font-variant-numeric: tabular-nums; }\n.total-score { font-size: 2.2rem; font-weight: 700; }\n.total-max { font-size: 1.2rem; color: var(--muted); }\n.total-percent { color: var(--muted); font-size: 0.9rem; }\n.counts { list-style: none; margin: 10px 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: 6px 14px; font-size: 0.85rem; color: var(--muted); }\n\n.bar { display: inline-block; position: relative; width: 100%; height: 8px; background: #e4e7eb; border-radius: 4px; overflow: hidden; vertical-align: middle; }\n.bar-large { height: 10px; }\n.bar-fill { position: absolute; left: 0; top: 0; bottom: 0; border-radius: 4px; }\n.bar-fill.good { background: #3f9142; }\n.bar-fill.fair { background: #e8a33d; }\n.bar-fill.poor { background: #d64545; }\n\n.notice { margin-top: 16px; border-radius: 8px; padding: 14px 20px; border: 1px solid; }\n.notice h2 { font-size: 1rem; margin-bottom: 6px; }\n.notice ul { margin: 0; padding-left: 18px; }\n.notice-error { background: var(--fail-bg); border-color: #f29b9b; color: var(--fail-fg); }\n.notice-flags { background: #fffbea; border-color: #f0d48a; color: #5c3c00; }\n.code { font-family: var(--mono); font-size: 0.8em; padding: 1px 6px; border-radius: 4px; background: rgba(0, 0, 0, 0.06); white-space: nowrap; }\n\n.overview { margin-top: 16px; background: var(--card); border: 1px solid var(--border); border-radius: 8px; padding: 8px 16px; }\n.overview table { width: 100%; border-collapse: collapse; }\n.overview td { padding: 5px 8px; border-bottom: 1px solid var(--border); white-space: nowrap; }\n.overview td:nth-child(2) { white-space: normal; }\n.overview tr:last-child td { border-bottom: 0; }\n.overview a { color: #0b4f8a; text-decoration: none; }\n.overview a:hover { text-decoration: underline; }\n.overview-bar { width: 30%; min-width: 100px; }\n\n.task { margin-top: 20px; background: var(--card); border: 1px solid var(--border); border-radius: 8px; }\n.task-header { display: flex; flex-wrap: wrap; gap: 8px 24px; justify-content: space-between; align-items: center; padding: 14px 20px; border-bottom: 1px solid var(--border); }\n.task-id { color: var(--muted); font-weight: 500; margin-right: 6px; }\n.task-score { display: flex; align-items: center; gap: 10px; font-weight: 600; }\n.task-score .bar { width: 120px; }\n.table-wrap { overflow-x: auto; -webkit-overflow-scrolling: touch; }\n.table-wrap:focus-visible, .value-scroll:focus-visible { outline: 2px solid #0b4f8a; outline-offset: -2px; }\ntable.items { width: 100%; border-collapse: collapse; font-size: 0.9rem; }\n.items > thead > tr > th { text-align: left; font-weight: 600; font-size: 0.75rem; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); padding: 8px 12px; background: #fafbfc; border-bottom: 1px solid var(--border); white-space: nowrap; }\n.items > tbody > tr > td { padding: 10px 12px; border-bottom: 1px solid var(--border); vertical-align: top; }\n.items > tbody > tr:last-child > td { border-bottom: 0; }\n.items > tbody > tr.item:has(+ .values-row) > td, .items > tbody > tr.item:has(+ .plot-row) > td, .items > tbody > tr.values-row:has(+ .plot-row) > td { border-bottom: 0; }\n.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }\n/* ids are the rubric's paths (t3.snapshots.worst.init[0].mean_abs): they break after a dot or before a bracket (<wbr>), never inside a name */\n.items > thead > tr > th.col-item { width: 11.5rem; }\n/* as narrow as their badge and their points: the width left goes to what we found and the values */\n.items > thead > tr > th.col-status, .items > thead > tr > th.col-points { width: 1%; }\n/* room for a short answer on one line (\"underfitting\"); a long one wraps anywhere rather than widen the table */\n.items > thead > tr > th.col-value { width: 15%; }\n/* a student's text may be one long word: it wraps anywhere rather than widen its column past the card */\n.details { min-width: 220px; overflow-wrap: anywhere; }\nh1, h2, .student, .notice, .report-footer { overflow-wrap: anywhere; }\n.details > p { max-width: 60ch; }\n.details p + p { margin-top: 6px; }\n.diagnosis { background: #fff8e1; border-left: 3px solid #e8a33d; padding: 4px 8px; border-radius: 0 4px 4px 0; }\n.feedback { color: var(--muted); font-style: italic; }\n.value { min-width: 96px; max-width: 320px; overflow-wrap: anywhere; }\n.none { color: var(--muted); }\n\n/* a matrix, vector or object answer: its own row, the card's width; the two values side by side while both fit, else one above the other */\n.items > tbody > tr.values-row > td { padding-top: 0; }\n/* contain: the values add nothing to the table's width (else a 3×10 widens it past the card); they take the width it gives */\n.value-pair { display: flex; flex-wrap: wrap; gap: 10px 32px; align-items: flex-start; contain: inline-size; }\n.value-block { margin: 0; min-width: 0; max-width: 100%; }\n.value-block figcaption { font-size: 0.75rem; font-weight: 600; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); margin-bottom: 4px; }\n/* wider than the card, a value scrolls inside its own box: nothing it holds is cut off, nothing covers its neighbour */\n.value-scroll { max-width: 100%; overflow-x: auto; padding-bottom: 2px; }\n\n/* a run of passes, or a task's unanswered items: one line that opens to their rows */\n.items > tbody > tr.fold > td { padding: 6px 12px; }\n/* one line whatever the number of items: the ids that do not fit end in an ellipsis (the rows, opened, list them all) */\n/* contain: the line adds nothing to the table's width (its ids would widen it past the card); it takes the width it gets */\n.fold details { contain: inline-size; }\n.fold summary { display: flex; align-items: baseline; gap: 6px; white-space: nowrap; cursor: pointer; padding: 4px 0; color: var(--muted); }\n.fold summary::before { content: \"▸\"; color: var(--muted); }\n.fold details[open] > summary::before { content: \"▾\"; }\n.fold-count { color: var(--text); font-weight: 600; }\n.fold-ids { overflow: hidden; text-overflow: ellipsis; min-width: 0; flex: 0 1 auto; }\n/* a fold of failures says once what each of them says, on a line of its own under the count */\n.fold summary:has(.fold-message) { flex-wrap: wrap; }\n.fold-message { flex-basis: 100%; white-space: normal; color: var(--text); padding-left: 14px; overflow-wrap: anywhere; }\n.fold details[open] > summary { margin-bottom: 6px; }\ntable.items.folded { font-size: 0.85rem; border: 1px solid var(--border); }\n\n.badge { display: inline-block; padding: 2px 8px; border-radius: 999px; font-size: 0.75rem; font-weight: 600; white-space: nowrap; }\n.badge.pass { background: var(--pass-bg); color: var(--pass-fg); }\n.badge.partial { background: var(--partial-bg); color: var(--partial-fg); }\n.badge.fail { background: var(--fail-bg); color: var(--fail-fg); }\n.badge.ecf { background: var(--ecf-bg); color: var(--ecf-fg); }\n.badge.missing { background: var(--missing-bg); color: var(--missing-fg); }\n.badge.invalid { background: var(--invalid-bg); color: var(--invalid-fg); }\n\ntable.matrix { border-collapse: collapse; font-size: 0.8rem; }\n.matrix td { border: 1px solid #cbd2d9; padding: 1px 6px; text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }\n.records th { border: 1px solid #cbd2d9; padding: 1px 6px; font-weight: 600; color: var(--muted); background: #fafbfc; text-align: right; white-space: nowrap; }\n.abbreviated, .scalar { overflow-wrap: anywhere; }\n/* a long vector shortened to \"[a, b, c, …, z] (N values)\" is one line too: in its own row, it scrolls in its box where the card is too narrow */\n.abbreviated.vector-line { white-space: nowrap; overflow-wrap: normal; }\n/* a vector is one row of cells, never wrapped into a block that reads like a matrix */\n.vector { display: inline-flex; font-size: 0.8rem; line-height: 1.6; white-space: nowrap; }\n.vector > span { border: 1px solid #cbd2d9; padding: 0 6px; font-variant-numeric: tabular-nums; }\n.vector > span + span { border-left: 0; }\n.entries { margin: 0; font-size: 0.85rem; }\n.entries > div { display: flex; gap: 6px; align-items: baseline; }\n.entries dt { color: var(--muted); }\n.entries dd { margin: 0; }\n.more { color: var(--muted); }\n\n.items > tbody > tr.plot-row > td { padding: 0 12px 14px; }\n.plot-figure { margin: 0; }\n.plot-figure svg { display: block; max-width: 100%; height: auto; }\n\n.report-footer { margin-top: 24px; color: var(--muted); font-size: 0.8rem; text-align: center; }\n.report-footer p + p { margin-top: 2px; }\n\n@media (max-width: 640px) {\n  .page { padding: 12px 8px 32px; }\n  .report-header { padding: 16px; }\n  .report-header { grid-template-columns: 1fr; }\n  .header-score { text-align: left; }\n  .task-header { padding: 12px; }\n  .overview-bar { display: none; }\n}\n\n@media print {\n  @page { margin: 14mm; }\n  body { background: #fff; font-size: 10.5pt; }\n  .page { max-width: none; padding: 0; }\n  .report-header, .task, .overview, .notice { border-color: #cbd2d9; break-inside: avoid-page; }\n  .task { break-inside: auto; }\n  .table-wrap, .value-scroll { overflow: visible; }\n  tr, .plot-figure { break-inside: avoid; }\n  thead { display: table-header-group; }\n  .badge, .bar, .bar-fill, .diagnosis, .notice { -webkit-print-color-adjust: exact; print-color-adjust: exact; }\n  .overview a { color: inherit; }\n}\n";
},"useData":true},
  "partials/task.hbs": {"0":function(container,depth0,helpers,partials,data,blockParams,depths) {
    var stack1, alias1=depth0 != null ? depth0 : (container.nullContext || {}), lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(depth0,"item"),{"name":"if","hash":{},"fn":container.program(1, data, 0, blockParams, depths),"inverse":container.noop,"data":data,"loc":{"start":{"line":11,"column":22},"end":{"line":11,"column":56}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(depth0,"fold"),{"name":"if","hash":{},"fn":container.program(2, data, 0, blockParams, depths),"inverse":container.noop,"data":data,"loc":{"start":{"line":11,"column":56},"end":{"line":11,"column":107}}})) != null ? stack1 : "");
},"1":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return ((stack1 = container.invokePartial(lookupProperty(partials,"item"),lookupProperty(depth0,"item"),{"name":"item","data":data,"helpers":helpers,"partials":partials,"decorators":container.decorators})) != null ? stack1 : "");
},"2":function(container,depth0,helpers,partials,data,blockParams,depths) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return ((stack1 = container.invokePartial(lookupProperty(partials,"fold"),lookupProperty(depth0,"fold"),{"name":"fold","hash":{"outer":lookupProperty(depths[1],"columns")},"data":data,"helpers":helpers,"partials":partials,"decorators":container.decorators})) != null ? stack1 : "");
},"3":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return ((stack1 = container.invokePartial(lookupProperty(partials,"fold"),lookupProperty(depth0,"unanswered"),{"name":"fold","hash":{"outer":lookupProperty(depth0,"columns")},"data":data,"helpers":helpers,"partials":partials,"decorators":container.decorators})) != null ? stack1 : "");
},"compiler":[8,">= 4.3.0"],"main":function(container,depth0,helpers,partials,data,blockParams,depths) {
    var stack1, alias1=container.strict, alias2=container.lambda, alias3=container.escapeExpression, alias4=depth0 != null ? depth0 : (container.nullContext || {}), lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "<section class=\"task\" id=\""
    + alias3(alias2(alias1(depth0, "anchor", {"start":{"line":1,"column":28},"end":{"line":1,"column":34}} ), depth0))
    + "\" aria-labelledby=\""
    + alias3(alias2(alias1(depth0, "anchor", {"start":{"line":1,"column":57},"end":{"line":1,"column":63}} ), depth0))
    + "-title\">\n  <header class=\"task-header\">\n    <h2 id=\""
    + alias3(alias2(alias1(depth0, "anchor", {"start":{"line":3,"column":14},"end":{"line":3,"column":20}} ), depth0))
    + "-title\"><span class=\"task-id mono\">"
    + alias3(alias2(alias1(depth0, "id", {"start":{"line":3,"column":59},"end":{"line":3,"column":61}} ), depth0))
    + "</span> "
    + alias3(alias2(alias1(depth0, "title", {"start":{"line":3,"column":73},"end":{"line":3,"column":78}} ), depth0))
    + "</h2>\n    <p class=\"task-score\"><span class=\"num\">"
    + alias3(alias2(alias1(depth0, "score", {"start":{"line":4,"column":46},"end":{"line":4,"column":51}} ), depth0))
    + " / "
    + alias3(alias2(alias1(depth0, "maxScore", {"start":{"line":4,"column":58},"end":{"line":4,"column":66}} ), depth0))
    + "</span><span class=\"bar\"><span class=\"bar-fill "
    + alias3(alias2(alias1(depth0, "grade", {"start":{"line":4,"column":117},"end":{"line":4,"column":122}} ), depth0))
    + "\" style=\"width: "
    + alias3(alias2(alias1(depth0, "percent", {"start":{"line":4,"column":142},"end":{"line":4,"column":149}} ), depth0))
    + "%\"></span></span></p>\n  </header>\n  <div class=\"table-wrap\" tabindex=\"0\" role=\"group\" aria-label=\"items of "
    + alias3(alias2(alias1(depth0, "id", {"start":{"line":7,"column":75},"end":{"line":7,"column":77}} ), depth0))
    + "\">\n    <table class=\"items\">\n"
    + ((stack1 = container.invokePartial(lookupProperty(partials,"item-head"),depth0,{"name":"item-head","data":data,"indent":"      ","helpers":helpers,"partials":partials,"decorators":container.decorators})) != null ? stack1 : "")
    + "      <tbody>\n        "
    + ((stack1 = lookupProperty(helpers,"each").call(alias4,lookupProperty(depth0,"rows"),{"name":"each","hash":{},"fn":container.program(0, data, 0, blockParams, depths),"inverse":container.noop,"data":data,"loc":{"start":{"line":11,"column":8},"end":{"line":11,"column":116}}})) != null ? stack1 : "")
    + "\n        "
    + ((stack1 = lookupProperty(helpers,"if").call(alias4,lookupProperty(depth0,"unanswered"),{"name":"if","hash":{},"fn":container.program(3, data, 0, blockParams, depths),"inverse":container.noop,"data":data,"loc":{"start":{"line":12,"column":8},"end":{"line":12,"column":68}}})) != null ? stack1 : "")
    + "\n      </tbody>\n    </table>\n  </div>\n</section>\n";
},"usePartial":true,"useData":true,"useDepths":true},
  "partials/value.hbs": {"0":function(container,depth0,helpers,partials,data) {
    return "<span class=\"scalar mono\">"
    + container.escapeExpression(container.lambda(container.strict(depth0, "scalar", {"start":{"line":1,"column":42},"end":{"line":1,"column":48}} ), depth0))
    + "</span>";
},"1":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "<span class=\"abbreviated"
    + ((stack1 = lookupProperty(helpers,"if").call(depth0 != null ? depth0 : (container.nullContext || {}),lookupProperty(depth0,"vectorLength"),{"name":"if","hash":{},"fn":container.program(2, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":1,"column":107},"end":{"line":1,"column":146}}})) != null ? stack1 : "")
    + " mono\">"
    + container.escapeExpression(container.lambda(container.strict(depth0, "abbreviated", {"start":{"line":1,"column":155},"end":{"line":1,"column":166}} ), depth0))
    + "</span>";
},"2":function(container,depth0,helpers,partials,data) {
    return " vector-line";
},"3":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "<span class=\"vector mono\">"
    + ((stack1 = lookupProperty(helpers,"each").call(depth0 != null ? depth0 : (container.nullContext || {}),lookupProperty(depth0,"vector"),{"name":"each","hash":{},"fn":container.program(4, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":1,"column":222},"end":{"line":1,"column":268}}})) != null ? stack1 : "")
    + "</span>";
},"4":function(container,depth0,helpers,partials,data) {
    return "<span>"
    + container.escapeExpression(container.lambda(depth0, depth0))
    + "</span>";
},"5":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "<table class=\"matrix mono\" title=\""
    + container.escapeExpression(container.lambda(container.strict(lookupProperty(depth0,"table"), "shape", {"start":{"line":1,"column":331},"end":{"line":1,"column":342}} ), depth0))
    + "\">"
    + ((stack1 = lookupProperty(helpers,"each").call(depth0 != null ? depth0 : (container.nullContext || {}),lookupProperty(lookupProperty(depth0,"table"),"rows"),{"name":"each","hash":{},"fn":container.program(6, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":1,"column":346},"end":{"line":1,"column":424}}})) != null ? stack1 : "")
    + "</table>";
},"6":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "<tr>"
    + ((stack1 = lookupProperty(helpers,"each").call(depth0 != null ? depth0 : (container.nullContext || {}),depth0,{"name":"each","hash":{},"fn":container.program(7, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":1,"column":370},"end":{"line":1,"column":410}}})) != null ? stack1 : "")
    + "</tr>";
},"7":function(container,depth0,helpers,partials,data) {
    return "<td>"
    + container.escapeExpression(container.lambda(depth0, depth0))
    + "</td>";
},"8":function(container,depth0,helpers,partials,data) {
    var stack1, alias1=depth0 != null ? depth0 : (container.nullContext || {}), lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "<table class=\"matrix records mono\"><thead><tr>"
    + ((stack1 = lookupProperty(helpers,"each").call(alias1,lookupProperty(lookupProperty(depth0,"records"),"columns"),{"name":"each","hash":{},"fn":container.program(9, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":1,"column":500},"end":{"line":1,"column":563}}})) != null ? stack1 : "")
    + "</tr></thead><tbody>"
    + ((stack1 = lookupProperty(helpers,"each").call(alias1,lookupProperty(lookupProperty(depth0,"records"),"rows"),{"name":"each","hash":{},"fn":container.program(6, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":1,"column":583},"end":{"line":1,"column":663}}})) != null ? stack1 : "")
    + "</tbody></table>"
    + ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(depth0,"more"),{"name":"if","hash":{},"fn":container.program(10, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":1,"column":679},"end":{"line":1,"column":733}}})) != null ? stack1 : "");
},"9":function(container,depth0,helpers,partials,data) {
    return "<th scope=\"col\">"
    + container.escapeExpression(container.lambda(depth0, depth0))
    + "</th>";
},"10":function(container,depth0,helpers,partials,data) {
    return "<p class=\"more\">… "
    + container.escapeExpression(container.lambda(container.strict(depth0, "more", {"start":{"line":1,"column":711},"end":{"line":1,"column":715}} ), depth0))
    + " more</p>";
},"11":function(container,depth0,helpers,partials,data) {
    var stack1, alias1=depth0 != null ? depth0 : (container.nullContext || {}), lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "<dl class=\"entries\">"
    + ((stack1 = lookupProperty(helpers,"each").call(alias1,lookupProperty(depth0,"entries"),{"name":"each","hash":{},"fn":container.program(12, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":1,"column":775},"end":{"line":1,"column":867}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(depth0,"more"),{"name":"if","hash":{},"fn":container.program(13, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":1,"column":867},"end":{"line":1,"column":925}}})) != null ? stack1 : "")
    + "</dl>";
},"12":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "<div><dt class=\"mono\">"
    + container.escapeExpression(container.lambda(container.strict(depth0, "key", {"start":{"line":1,"column":816},"end":{"line":1,"column":819}} ), depth0))
    + "</dt><dd>"
    + ((stack1 = container.invokePartial(lookupProperty(partials,"value"),lookupProperty(depth0,"value"),{"name":"value","data":data,"helpers":helpers,"partials":partials,"decorators":container.decorators})) != null ? stack1 : "")
    + "</dd></div>";
},"13":function(container,depth0,helpers,partials,data) {
    return "<div class=\"more\">… "
    + container.escapeExpression(container.lambda(container.strict(depth0, "more", {"start":{"line":1,"column":901},"end":{"line":1,"column":905}} ), depth0))
    + " more</div>";
},"compiler":[8,">= 4.3.0"],"main":function(container,depth0,helpers,partials,data) {
    var stack1, alias1=depth0 != null ? depth0 : (container.nullContext || {}), lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(depth0,"scalar"),{"name":"if","hash":{},"fn":container.program(0, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":1,"column":0},"end":{"line":1,"column":64}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(depth0,"abbreviated"),{"name":"if","hash":{},"fn":container.program(1, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":1,"column":64},"end":{"line":1,"column":182}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(depth0,"vector"),{"name":"if","hash":{},"fn":container.program(3, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":1,"column":182},"end":{"line":1,"column":282}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(depth0,"table"),{"name":"if","hash":{},"fn":container.program(5, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":1,"column":282},"end":{"line":1,"column":439}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(depth0,"records"),{"name":"if","hash":{},"fn":container.program(8, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":1,"column":439},"end":{"line":1,"column":740}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(depth0,"entries"),{"name":"if","hash":{},"fn":container.program(11, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":1,"column":740},"end":{"line":1,"column":937}}})) != null ? stack1 : "");
},"usePartial":true,"useData":true},
  "report.hbs": {"0":function(container,depth0,helpers,partials,data) {
    return "<p class=\"assignment-id mono\">"
    + container.escapeExpression(container.lambda(container.strict(depth0, "assignment", {"start":{"line":19,"column":60},"end":{"line":19,"column":70}} ), depth0))
    + "</p>";
},"1":function(container,depth0,helpers,partials,data) {
    var lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "<span class=\"student-name\">"
    + container.escapeExpression(container.lambda(container.strict(lookupProperty(depth0,"student"), "name", {"start":{"line":21,"column":55},"end":{"line":21,"column":67}} ), depth0))
    + "</span>";
},"2":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "    <ul class=\"counts\">\n      "
    + ((stack1 = lookupProperty(helpers,"each").call(depth0 != null ? depth0 : (container.nullContext || {}),lookupProperty(depth0,"counts"),{"name":"each","hash":{},"fn":container.program(3, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":33,"column":6},"end":{"line":33,"column":97}}})) != null ? stack1 : "")
    + "\n    </ul>\n";
},"3":function(container,depth0,helpers,partials,data) {
    var alias1=container.strict, alias2=container.lambda, alias3=container.escapeExpression;

  return "<li><span class=\"badge "
    + alias3(alias2(alias1(depth0, "status", {"start":{"line":33,"column":47},"end":{"line":33,"column":53}} ), depth0))
    + "\">"
    + alias3(alias2(alias1(depth0, "label", {"start":{"line":33,"column":59},"end":{"line":33,"column":64}} ), depth0))
    + "</span> "
    + alias3(alias2(alias1(depth0, "count", {"start":{"line":33,"column":76},"end":{"line":33,"column":81}} ), depth0))
    + "</li>";
},"4":function(container,depth0,helpers,partials,data) {
    var alias1=container.strict, alias2=container.lambda, alias3=container.escapeExpression, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "<section class=\"notice notice-error\">\n  <h2>this submission could not be graded</h2>\n  <p><span class=\"code\">"
    + alias3(alias2(alias1(lookupProperty(depth0,"error"), "code", {"start":{"line":42,"column":26},"end":{"line":42,"column":36}} ), depth0))
    + "</span> "
    + alias3(alias2(alias1(lookupProperty(depth0,"error"), "message", {"start":{"line":42,"column":48},"end":{"line":42,"column":61}} ), depth0))
    + "</p>\n</section>\n";
},"5":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "<section class=\"notice notice-flags\">\n  <h2>flags on your answers</h2>\n  <ul>\n    "
    + ((stack1 = lookupProperty(helpers,"each").call(depth0 != null ? depth0 : (container.nullContext || {}),lookupProperty(depth0,"flags"),{"name":"each","hash":{},"fn":container.program(6, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":50,"column":4},"end":{"line":50,"column":83}}})) != null ? stack1 : "")
    + "\n  </ul>\n</section>\n";
},"6":function(container,depth0,helpers,partials,data) {
    var alias1=container.strict, alias2=container.lambda, alias3=container.escapeExpression;

  return "<li><span class=\"code\">"
    + alias3(alias2(alias1(depth0, "code", {"start":{"line":50,"column":44},"end":{"line":50,"column":48}} ), depth0))
    + "</span> "
    + alias3(alias2(alias1(depth0, "message", {"start":{"line":50,"column":60},"end":{"line":50,"column":67}} ), depth0))
    + "</li>";
},"7":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "<nav class=\"overview\" aria-label=\"tasks\">\n  <table>\n    <tbody>\n"
    + ((stack1 = lookupProperty(helpers,"each").call(depth0 != null ? depth0 : (container.nullContext || {}),lookupProperty(depth0,"tasks"),{"name":"each","hash":{},"fn":container.program(8, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":59,"column":4},"end":{"line":66,"column":13}}})) != null ? stack1 : "")
    + "    </tbody>\n  </table>\n</nav>\n";
},"8":function(container,depth0,helpers,partials,data) {
    var alias1=container.strict, alias2=container.lambda, alias3=container.escapeExpression;

  return "      <tr>\n        <td class=\"mono\"><a href=\"#"
    + alias3(alias2(alias1(depth0, "anchor", {"start":{"line":61,"column":37},"end":{"line":61,"column":43}} ), depth0))
    + "\">"
    + alias3(alias2(alias1(depth0, "id", {"start":{"line":61,"column":49},"end":{"line":61,"column":51}} ), depth0))
    + "</a></td>\n        <td>"
    + alias3(alias2(alias1(depth0, "title", {"start":{"line":62,"column":14},"end":{"line":62,"column":19}} ), depth0))
    + "</td>\n        <td class=\"num\">"
    + alias3(alias2(alias1(depth0, "score", {"start":{"line":63,"column":26},"end":{"line":63,"column":31}} ), depth0))
    + " / "
    + alias3(alias2(alias1(depth0, "maxScore", {"start":{"line":63,"column":38},"end":{"line":63,"column":46}} ), depth0))
    + "</td>\n        <td class=\"overview-bar\"><div class=\"bar\"><span class=\"bar-fill "
    + alias3(alias2(alias1(depth0, "grade", {"start":{"line":64,"column":74},"end":{"line":64,"column":79}} ), depth0))
    + "\" style=\"width: "
    + alias3(alias2(alias1(depth0, "percent", {"start":{"line":64,"column":99},"end":{"line":64,"column":106}} ), depth0))
    + "%\"></span></div></td>\n      </tr>\n";
},"9":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return ((stack1 = container.invokePartial(lookupProperty(partials,"task"),depth0,{"name":"task","data":data,"helpers":helpers,"partials":partials,"decorators":container.decorators})) != null ? stack1 : "");
},"10":function(container,depth0,helpers,partials,data) {
    return "<p>submission <span class=\"mono\">"
    + container.escapeExpression(container.lambda(container.strict(depth0, "source", {"start":{"line":75,"column":51},"end":{"line":75,"column":57}} ), depth0))
    + "</span></p>";
},"11":function(container,depth0,helpers,partials,data) {
    return " · generated "
    + container.escapeExpression(container.lambda(container.strict(depth0, "generatedAt", {"start":{"line":76,"column":49},"end":{"line":76,"column":60}} ), depth0));
},"compiler":[8,">= 4.3.0"],"main":function(container,depth0,helpers,partials,data) {
    var stack1, alias1=container.strict, alias2=container.lambda, alias3=container.escapeExpression, alias4=depth0 != null ? depth0 : (container.nullContext || {}), lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"nngrade\">\n<title>"
    + alias3(alias2(alias1(depth0, "title", {"start":{"line":8,"column":9},"end":{"line":8,"column":14}} ), depth0))
    + " · "
    + alias3(alias2(alias1(lookupProperty(depth0,"student"), "id", {"start":{"line":8,"column":21},"end":{"line":8,"column":31}} ), depth0))
    + "</title>\n<style>\n"
    + ((stack1 = container.invokePartial(lookupProperty(partials,"styles"),depth0,{"name":"styles","data":data,"helpers":helpers,"partials":partials,"decorators":container.decorators})) != null ? stack1 : "")
    + "</style>\n</head>\n<body>\n<main class=\"page\">\n<header class=\"report-header\">\n  <div class=\"header-main\">\n    <p class=\"eyebrow\">nngrade report</p>\n    <h1>"
    + alias3(alias2(alias1(depth0, "title", {"start":{"line":18,"column":10},"end":{"line":18,"column":15}} ), depth0))
    + "</h1>\n    "
    + ((stack1 = lookupProperty(helpers,"if").call(alias4,lookupProperty(depth0,"showAssignmentId"),{"name":"if","hash":{},"fn":container.program(0, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":19,"column":4},"end":{"line":19,"column":83}}})) != null ? stack1 : "")
    + "\n    <p class=\"student\">\n      "
    + ((stack1 = lookupProperty(helpers,"if").call(alias4,lookupProperty(lookupProperty(depth0,"student"),"name"),{"name":"if","hash":{},"fn":container.program(1, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":21,"column":6},"end":{"line":21,"column":83}}})) != null ? stack1 : "")
    + "\n      <span class=\"student-id mono\">"
    + alias3(alias2(alias1(lookupProperty(depth0,"student"), "id", {"start":{"line":22,"column":38},"end":{"line":22,"column":48}} ), depth0))
    + "</span>\n    </p>\n  </div>\n  <div class=\"header-score\">\n    <p class=\"total\"><span class=\"total-score\">"
    + alias3(alias2(alias1(depth0, "score", {"start":{"line":26,"column":49},"end":{"line":26,"column":54}} ), depth0))
    + "</span><span class=\"total-max\"> / "
    + alias3(alias2(alias1(depth0, "maxScore", {"start":{"line":26,"column":92},"end":{"line":26,"column":100}} ), depth0))
    + "</span></p>\n    <p class=\"total-percent\">"
    + alias3(alias2(alias1(depth0, "percentRounded", {"start":{"line":27,"column":31},"end":{"line":27,"column":45}} ), depth0))
    + "%</p>\n  </div>\n  <div class=\"header-summary\">\n    <div class=\"bar bar-large\" role=\"presentation\"><span class=\"bar-fill "
    + alias3(alias2(alias1(depth0, "grade", {"start":{"line":30,"column":75},"end":{"line":30,"column":80}} ), depth0))
    + "\" style=\"width: "
    + alias3(alias2(alias1(depth0, "percent", {"start":{"line":30,"column":100},"end":{"line":30,"column":107}} ), depth0))
    + "%\"></span></div>\n"
    + ((stack1 = lookupProperty(helpers,"if").call(alias4,lookupProperty(lookupProperty(depth0,"counts"),"length"),{"name":"if","hash":{},"fn":container.program(2, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":31,"column":4},"end":{"line":35,"column":11}}})) != null ? stack1 : "")
    + "  </div>\n</header>\n\n"
    + ((stack1 = lookupProperty(helpers,"if").call(alias4,lookupProperty(depth0,"error"),{"name":"if","hash":{},"fn":container.program(4, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":39,"column":0},"end":{"line":44,"column":7}}})) != null ? stack1 : "")
    + "\n"
    + ((stack1 = lookupProperty(helpers,"if").call(alias4,lookupProperty(lookupProperty(depth0,"flags"),"length"),{"name":"if","hash":{},"fn":container.program(5, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":46,"column":0},"end":{"line":53,"column":7}}})) != null ? stack1 : "")
    + "\n"
    + ((stack1 = lookupProperty(helpers,"if").call(alias4,lookupProperty(lookupProperty(depth0,"tasks"),"length"),{"name":"if","hash":{},"fn":container.program(7, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":55,"column":0},"end":{"line":70,"column":7}}})) != null ? stack1 : "")
    + "\n"
    + ((stack1 = lookupProperty(helpers,"each").call(alias4,lookupProperty(depth0,"tasks"),{"name":"each","hash":{},"fn":container.program(9, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":72,"column":0},"end":{"line":72,"column":34}}})) != null ? stack1 : "")
    + "\n\n<footer class=\"report-footer\">\n  "
    + ((stack1 = lookupProperty(helpers,"if").call(alias4,lookupProperty(depth0,"source"),{"name":"if","hash":{},"fn":container.program(10, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":75,"column":2},"end":{"line":75,"column":77}}})) != null ? stack1 : "")
    + "\n  <p>"
    + alias3(alias2(alias1(depth0, "schema", {"start":{"line":76,"column":7},"end":{"line":76,"column":13}} ), depth0))
    + ((stack1 = lookupProperty(helpers,"if").call(alias4,lookupProperty(depth0,"generatedAt"),{"name":"if","hash":{},"fn":container.program(11, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":76,"column":15},"end":{"line":76,"column":69}}})) != null ? stack1 : "")
    + "</p>\n</footer>\n</main>\n</body>\n</html>\n";
},"usePartial":true,"useData":true},
  "summary.hbs": {"0":function(container,depth0,helpers,partials,data) {
    return "<p class=\"assignment-id mono\">"
    + container.escapeExpression(container.lambda(container.strict(depth0, "assignments", {"start":{"line":39,"column":55},"end":{"line":39,"column":66}} ), depth0))
    + "</p>";
},"1":function(container,depth0,helpers,partials,data) {
    var alias1=container.strict, alias2=container.lambda, alias3=container.escapeExpression, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "      <div><dt>mean</dt><dd class=\"stat-mean\">"
    + alias3(alias2(alias1(lookupProperty(depth0,"score"), "mean", {"start":{"line":46,"column":48},"end":{"line":46,"column":58}} ), depth0))
    + "</dd></div>\n      <div><dt>median</dt><dd class=\"stat-median\">"
    + alias3(alias2(alias1(lookupProperty(depth0,"score"), "median", {"start":{"line":47,"column":52},"end":{"line":47,"column":64}} ), depth0))
    + "</dd></div>\n      <div><dt>lowest</dt><dd class=\"stat-min\">"
    + alias3(alias2(alias1(lookupProperty(depth0,"score"), "min", {"start":{"line":48,"column":49},"end":{"line":48,"column":58}} ), depth0))
    + "</dd></div>\n      <div><dt>highest</dt><dd class=\"stat-max\">"
    + alias3(alias2(alias1(lookupProperty(depth0,"score"), "max", {"start":{"line":49,"column":50},"end":{"line":49,"column":59}} ), depth0))
    + "</dd></div>\n";
},"2":function(container,depth0,helpers,partials,data) {
    return "<div><dt>out of</dt><dd class=\"stat-max-score\">"
    + container.escapeExpression(container.lambda(container.strict(depth0, "maxScore", {"start":{"line":51,"column":71},"end":{"line":51,"column":79}} ), depth0))
    + "</dd></div>";
},"3":function(container,depth0,helpers,partials,data) {
    var alias1=container.strict, alias2=container.lambda, alias3=container.escapeExpression;

  return "  <div class=\"header-summary\">\n    <div class=\"bar bar-large\" role=\"presentation\"><span class=\"bar-fill "
    + alias3(alias2(alias1(depth0, "meanGrade", {"start":{"line":56,"column":75},"end":{"line":56,"column":84}} ), depth0))
    + "\" style=\"width: "
    + alias3(alias2(alias1(depth0, "meanPercent", {"start":{"line":56,"column":104},"end":{"line":56,"column":115}} ), depth0))
    + "%\"></span></div>\n  </div>\n";
},"4":function(container,depth0,helpers,partials,data) {
    return " <a href=\"#tasks\">tasks</a>";
},"5":function(container,depth0,helpers,partials,data) {
    return " <a href=\"#items\">pass rate per item</a>";
},"6":function(container,depth0,helpers,partials,data) {
    var lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "<section class=\"summary-section\" id=\"scores\">\n  <h2>score distribution</h2>\n  <figure class=\"plot-figure\">"
    + container.escapeExpression(lookupProperty(helpers,"plotSvg").call(depth0 != null ? depth0 : (container.nullContext || {}),lookupProperty(depth0,"histogram"),{"name":"plotSvg","hash":{},"data":data,"loc":{"start":{"line":68,"column":30},"end":{"line":68,"column":51}}}))
    + "</figure>\n</section>\n";
},"7":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "<section class=\"summary-section\" id=\"tasks\">\n  <h2>tasks</h2>\n  <div class=\"table-wrap\" tabindex=\"0\" role=\"group\" aria-label=\"tasks\">\n    <table class=\"items\">\n      <thead><tr><th scope=\"col\">task</th><th scope=\"col\">title</th><th scope=\"col\" class=\"num\">with a score</th><th scope=\"col\" class=\"num\">mean</th><th scope=\"col\">share of the points</th></tr></thead>\n      <tbody>\n"
    + ((stack1 = lookupProperty(helpers,"each").call(depth0 != null ? depth0 : (container.nullContext || {}),lookupProperty(depth0,"tasks"),{"name":"each","hash":{},"fn":container.program(8, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":79,"column":6},"end":{"line":81,"column":15}}})) != null ? stack1 : "")
    + "      </tbody>\n    </table>\n  </div>\n</section>\n";
},"8":function(container,depth0,helpers,partials,data) {
    var alias1=container.strict, alias2=container.lambda, alias3=container.escapeExpression;

  return "        <tr class=\"task-row\"><td class=\"mono\">"
    + alias3(alias2(alias1(depth0, "id", {"start":{"line":80,"column":48},"end":{"line":80,"column":50}} ), depth0))
    + "</td><td>"
    + alias3(alias2(alias1(depth0, "title", {"start":{"line":80,"column":63},"end":{"line":80,"column":68}} ), depth0))
    + "</td><td class=\"num\">"
    + alias3(alias2(alias1(depth0, "count", {"start":{"line":80,"column":93},"end":{"line":80,"column":98}} ), depth0))
    + "</td><td class=\"num\">"
    + alias3(alias2(alias1(depth0, "mean", {"start":{"line":80,"column":123},"end":{"line":80,"column":127}} ), depth0))
    + " / "
    + alias3(alias2(alias1(depth0, "maxScore", {"start":{"line":80,"column":134},"end":{"line":80,"column":142}} ), depth0))
    + "</td><td class=\"rate-bar\"><div class=\"bar\"><span class=\"bar-fill "
    + alias3(alias2(alias1(depth0, "grade", {"start":{"line":80,"column":211},"end":{"line":80,"column":216}} ), depth0))
    + "\" style=\"width: "
    + alias3(alias2(alias1(depth0, "percent", {"start":{"line":80,"column":236},"end":{"line":80,"column":243}} ), depth0))
    + "%\"></span></div></td></tr>\n";
},"9":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "<section class=\"summary-section\" id=\"items\">\n  <h2>pass rate per item</h2>\n  <div class=\"table-wrap\" tabindex=\"0\" role=\"group\" aria-label=\"pass rate per item\">\n    <table class=\"items\">\n      <thead><tr><th scope=\"col\">item</th><th scope=\"col\" class=\"num\">with a score</th><th scope=\"col\" class=\"num\" colspan=\"2\">passed</th><th scope=\"col\">outcomes</th></tr></thead>\n      <tbody>\n"
    + ((stack1 = lookupProperty(helpers,"each").call(depth0 != null ? depth0 : (container.nullContext || {}),lookupProperty(depth0,"items"),{"name":"each","hash":{},"fn":container.program(10, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":95,"column":6},"end":{"line":98,"column":15}}})) != null ? stack1 : "")
    + "      </tbody>\n    </table>\n  </div>\n</section>\n";
},"10":function(container,depth0,helpers,partials,data) {
    var stack1, alias1=container.strict, alias2=container.lambda, alias3=container.escapeExpression, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "        <tr class=\"item-row\"><td class=\"item-id mono\">"
    + alias3(alias2(alias1(depth0, "id", {"start":{"line":96,"column":56},"end":{"line":96,"column":58}} ), depth0))
    + "</td><td class=\"num\">"
    + alias3(alias2(alias1(depth0, "count", {"start":{"line":96,"column":83},"end":{"line":96,"column":88}} ), depth0))
    + "</td><td class=\"num pass-rate\">"
    + alias3(alias2(alias1(depth0, "passRate", {"start":{"line":96,"column":123},"end":{"line":96,"column":131}} ), depth0))
    + "%</td><td class=\"rate-bar\"><div class=\"bar\"><span class=\"bar-fill "
    + alias3(alias2(alias1(depth0, "grade", {"start":{"line":96,"column":201},"end":{"line":96,"column":206}} ), depth0))
    + "\" style=\"width: "
    + alias3(alias2(alias1(depth0, "passRate", {"start":{"line":96,"column":226},"end":{"line":96,"column":234}} ), depth0))
    + "%\"></span></div></td>\n          <td><span class=\"statuses\">"
    + ((stack1 = lookupProperty(helpers,"each").call(depth0 != null ? depth0 : (container.nullContext || {}),lookupProperty(depth0,"statuses"),{"name":"each","hash":{},"fn":container.program(11, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":97,"column":37},"end":{"line":97,"column":134}}})) != null ? stack1 : "")
    + "</span></td></tr>\n";
},"11":function(container,depth0,helpers,partials,data) {
    var alias1=container.strict, alias2=container.lambda, alias3=container.escapeExpression;

  return "<span><span class=\"badge "
    + alias3(alias2(alias1(depth0, "status", {"start":{"line":97,"column":82},"end":{"line":97,"column":88}} ), depth0))
    + "\">"
    + alias3(alias2(alias1(depth0, "label", {"start":{"line":97,"column":94},"end":{"line":97,"column":99}} ), depth0))
    + "</span> "
    + alias3(alias2(alias1(depth0, "count", {"start":{"line":97,"column":111},"end":{"line":97,"column":116}} ), depth0))
    + "</span>";
},"12":function(container,depth0,helpers,partials,data) {
    var stack1, alias1=depth0 != null ? depth0 : (container.nullContext || {}), lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "  <div class=\"table-wrap\" tabindex=\"0\" role=\"group\" aria-label=\"most common diagnoses\">\n    <table class=\"items\">\n      <thead><tr><th scope=\"col\" class=\"num narrow\">count</th><th scope=\"col\">diagnosis</th><th scope=\"col\">items</th></tr></thead>\n      <tbody>\n"
    + ((stack1 = lookupProperty(helpers,"each").call(alias1,lookupProperty(depth0,"diagnoses"),{"name":"each","hash":{},"fn":container.program(13, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":112,"column":6},"end":{"line":114,"column":15}}})) != null ? stack1 : "")
    + "      </tbody>\n    </table>\n  </div>\n  "
    + ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(depth0,"moreDiagnoses"),{"name":"if","hash":{},"fn":container.program(14, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":118,"column":2},"end":{"line":118,"column":71}}})) != null ? stack1 : "")
    + "\n";
},"13":function(container,depth0,helpers,partials,data) {
    var alias1=container.strict, alias2=container.lambda, alias3=container.escapeExpression;

  return "        <tr class=\"diagnosis-row\"><td class=\"num\">"
    + alias3(alias2(alias1(depth0, "count", {"start":{"line":113,"column":52},"end":{"line":113,"column":57}} ), depth0))
    + "</td><td><span class=\"code\">"
    + alias3(alias2(alias1(depth0, "code", {"start":{"line":113,"column":89},"end":{"line":113,"column":93}} ), depth0))
    + "</span> "
    + alias3(alias2(alias1(depth0, "message", {"start":{"line":113,"column":105},"end":{"line":113,"column":112}} ), depth0))
    + "</td><td class=\"mono students\">"
    + alias3(alias2(alias1(depth0, "items", {"start":{"line":113,"column":147},"end":{"line":113,"column":152}} ), depth0))
    + "</td></tr>\n";
},"14":function(container,depth0,helpers,partials,data) {
    return "<p class=\"more\">and "
    + container.escapeExpression(container.lambda(container.strict(depth0, "moreDiagnoses", {"start":{"line":118,"column":45},"end":{"line":118,"column":58}} ), depth0))
    + "</p>";
},"15":function(container,depth0,helpers,partials,data) {
    return "  <p class=\"none\">no diagnoses</p>\n";
},"16":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "  <div class=\"table-wrap\" tabindex=\"0\" role=\"group\" aria-label=\"flagged submissions\">\n    <table class=\"items\">\n      <thead><tr><th scope=\"col\">student</th><th scope=\"col\">submission</th><th scope=\"col\">flags</th></tr></thead>\n      <tbody>\n"
    + ((stack1 = lookupProperty(helpers,"each").call(depth0 != null ? depth0 : (container.nullContext || {}),lookupProperty(depth0,"flagged"),{"name":"each","hash":{},"fn":container.program(17, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":131,"column":6},"end":{"line":140,"column":15}}})) != null ? stack1 : "")
    + "      </tbody>\n    </table>\n  </div>\n";
},"17":function(container,depth0,helpers,partials,data) {
    var stack1, alias1=depth0 != null ? depth0 : (container.nullContext || {}), lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "        <tr class=\"flagged-row\">\n          <td><span class=\"cell-text\">"
    + ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(depth0,"name"),{"name":"if","hash":{},"fn":container.program(18, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":133,"column":38},"end":{"line":133,"column":100}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(depth0,"href"),{"name":"if","hash":{},"fn":container.program(19, data, 0),"inverse":container.program(20, data, 0),"data":data,"loc":{"start":{"line":133,"column":100},"end":{"line":133,"column":214}}})) != null ? stack1 : "")
    + "</span></td>\n          <td class=\"mono students\">"
    + ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(depth0,"source"),{"name":"if","hash":{},"fn":container.program(21, data, 0),"inverse":container.program(22, data, 0),"data":data,"loc":{"start":{"line":134,"column":36},"end":{"line":134,"column":102}}})) != null ? stack1 : "")
    + "</td>\n          <td class=\"notes\">\n            "
    + ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(depth0,"error"),{"name":"if","hash":{},"fn":container.program(23, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":136,"column":12},"end":{"line":136,"column":108}}})) != null ? stack1 : "")
    + "\n            "
    + ((stack1 = lookupProperty(helpers,"each").call(alias1,lookupProperty(depth0,"flags"),{"name":"each","hash":{},"fn":container.program(24, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":137,"column":12},"end":{"line":137,"column":89}}})) != null ? stack1 : "")
    + "\n          </td>\n        </tr>\n";
},"18":function(container,depth0,helpers,partials,data) {
    return "<span class=\"student-name\">"
    + container.escapeExpression(container.lambda(container.strict(depth0, "name", {"start":{"line":133,"column":79},"end":{"line":133,"column":83}} ), depth0))
    + "</span> ";
},"19":function(container,depth0,helpers,partials,data) {
    var alias1=container.strict, alias2=container.lambda, alias3=container.escapeExpression;

  return "<a class=\"mono student-link\" href=\""
    + alias3(alias2(alias1(depth0, "href", {"start":{"line":133,"column":149},"end":{"line":133,"column":153}} ), depth0))
    + "\">"
    + alias3(alias2(alias1(depth0, "id", {"start":{"line":133,"column":159},"end":{"line":133,"column":161}} ), depth0))
    + "</a>";
},"20":function(container,depth0,helpers,partials,data) {
    return "<span class=\"mono\">"
    + container.escapeExpression(container.lambda(container.strict(depth0, "id", {"start":{"line":133,"column":196},"end":{"line":133,"column":198}} ), depth0))
    + "</span>";
},"21":function(container,depth0,helpers,partials,data) {
    return container.escapeExpression(container.lambda(container.strict(depth0, "source", {"start":{"line":134,"column":52},"end":{"line":134,"column":58}} ), depth0));
},"22":function(container,depth0,helpers,partials,data) {
    return "<span class=\"none\">—</span>";
},"23":function(container,depth0,helpers,partials,data) {
    var alias1=container.strict, alias2=container.lambda, alias3=container.escapeExpression, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "<p><span class=\"badge invalid\">"
    + alias3(alias2(alias1(lookupProperty(depth0,"error"), "status", {"start":{"line":136,"column":58},"end":{"line":136,"column":70}} ), depth0))
    + "</span> "
    + alias3(alias2(alias1(lookupProperty(depth0,"error"), "message", {"start":{"line":136,"column":82},"end":{"line":136,"column":95}} ), depth0))
    + "</p>";
},"24":function(container,depth0,helpers,partials,data) {
    var alias1=container.strict, alias2=container.lambda, alias3=container.escapeExpression;

  return "<p><span class=\"code\">"
    + alias3(alias2(alias1(depth0, "code", {"start":{"line":137,"column":51},"end":{"line":137,"column":55}} ), depth0))
    + "</span> "
    + alias3(alias2(alias1(depth0, "message", {"start":{"line":137,"column":67},"end":{"line":137,"column":74}} ), depth0))
    + "</p>";
},"25":function(container,depth0,helpers,partials,data) {
    return "  <p class=\"none\">no flagged submissions</p>\n";
},"26":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "  <div class=\"table-wrap\" tabindex=\"0\" role=\"group\" aria-label=\"identical wrong answers\">\n    <table class=\"items\">\n      <thead><tr><th scope=\"col\">item</th><th scope=\"col\">answer</th><th scope=\"col\" class=\"num\">students</th><th scope=\"col\">who</th></tr></thead>\n      <tbody>\n"
    + ((stack1 = lookupProperty(helpers,"each").call(depth0 != null ? depth0 : (container.nullContext || {}),lookupProperty(depth0,"shared"),{"name":"each","hash":{},"fn":container.program(27, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":156,"column":6},"end":{"line":158,"column":15}}})) != null ? stack1 : "")
    + "      </tbody>\n    </table>\n  </div>\n";
},"27":function(container,depth0,helpers,partials,data) {
    var alias1=container.strict, alias2=container.lambda, alias3=container.escapeExpression;

  return "        <tr class=\"shared-row\"><td class=\"item-id mono\">"
    + alias3(alias2(alias1(depth0, "item", {"start":{"line":157,"column":58},"end":{"line":157,"column":62}} ), depth0))
    + "</td><td class=\"mono value\">"
    + alias3(alias2(alias1(depth0, "preview", {"start":{"line":157,"column":94},"end":{"line":157,"column":101}} ), depth0))
    + "</td><td class=\"num\">"
    + alias3(alias2(alias1(depth0, "count", {"start":{"line":157,"column":126},"end":{"line":157,"column":131}} ), depth0))
    + "</td><td class=\"mono students\">"
    + alias3(alias2(alias1(depth0, "students", {"start":{"line":157,"column":166},"end":{"line":157,"column":174}} ), depth0))
    + "</td></tr>\n";
},"28":function(container,depth0,helpers,partials,data) {
    return "  <p class=\"none\">no wrong answer was given identically by several students</p>\n";
},"29":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "  <div class=\"table-wrap\" tabindex=\"0\" role=\"group\" aria-label=\"students\">\n    <table class=\"items\">\n      <thead><tr><th scope=\"col\">student</th><th scope=\"col\">name</th><th scope=\"col\">score</th><th scope=\"col\">notes</th></tr></thead>\n      <tbody>\n"
    + ((stack1 = lookupProperty(helpers,"each").call(depth0 != null ? depth0 : (container.nullContext || {}),lookupProperty(depth0,"students"),{"name":"each","hash":{},"fn":container.program(30, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":174,"column":6},"end":{"line":182,"column":15}}})) != null ? stack1 : "")
    + "      </tbody>\n    </table>\n  </div>\n";
},"30":function(container,depth0,helpers,partials,data) {
    var stack1, alias1=depth0 != null ? depth0 : (container.nullContext || {}), lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "        <tr class=\"student-row\">\n          <td class=\"mono\"><span class=\"cell-text\">"
    + ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(depth0,"href"),{"name":"if","hash":{},"fn":container.program(31, data, 0),"inverse":container.program(32, data, 0),"data":data,"loc":{"start":{"line":176,"column":51},"end":{"line":176,"column":134}}})) != null ? stack1 : "")
    + "</span></td>\n          <td>"
    + ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(depth0,"name"),{"name":"if","hash":{},"fn":container.program(33, data, 0),"inverse":container.program(22, data, 0),"data":data,"loc":{"start":{"line":177,"column":14},"end":{"line":177,"column":107}}})) != null ? stack1 : "")
    + "</td>\n          <td>"
    + ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(depth0,"score"),{"name":"if","hash":{},"fn":container.program(34, data, 0),"inverse":container.program(35, data, 0),"data":data,"loc":{"start":{"line":179,"column":14},"end":{"line":179,"column":267}}})) != null ? stack1 : "")
    + "</td>\n          <td class=\"notes\">"
    + ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(depth0,"error"),{"name":"if","hash":{},"fn":container.program(36, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":180,"column":28},"end":{"line":180,"column":65}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"if").call(alias1,lookupProperty(depth0,"flags"),{"name":"if","hash":{},"fn":container.program(37, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":180,"column":65},"end":{"line":180,"column":150}}})) != null ? stack1 : "")
    + "</td>\n        </tr>\n";
},"31":function(container,depth0,helpers,partials,data) {
    var alias1=container.strict, alias2=container.lambda, alias3=container.escapeExpression;

  return "<a class=\"student-link\" href=\""
    + alias3(alias2(alias1(depth0, "href", {"start":{"line":176,"column":95},"end":{"line":176,"column":99}} ), depth0))
    + "\">"
    + alias3(alias2(alias1(depth0, "id", {"start":{"line":176,"column":105},"end":{"line":176,"column":107}} ), depth0))
    + "</a>";
},"32":function(container,depth0,helpers,partials,data) {
    return container.escapeExpression(container.lambda(container.strict(depth0, "id", {"start":{"line":176,"column":123},"end":{"line":176,"column":125}} ), depth0));
},"33":function(container,depth0,helpers,partials,data) {
    return "<span class=\"cell-text\">"
    + container.escapeExpression(container.lambda(container.strict(depth0, "name", {"start":{"line":177,"column":52},"end":{"line":177,"column":56}} ), depth0))
    + "</span>";
},"34":function(container,depth0,helpers,partials,data) {
    var alias1=container.strict, alias2=container.lambda, alias3=container.escapeExpression;

  return "<span class=\"score-cell\"><span class=\"num\">"
    + alias3(alias2(alias1(depth0, "score", {"start":{"line":179,"column":72},"end":{"line":179,"column":77}} ), depth0))
    + " / "
    + alias3(alias2(alias1(depth0, "maxScore", {"start":{"line":179,"column":84},"end":{"line":179,"column":92}} ), depth0))
    + "</span><span class=\"bar\"><span class=\"bar-fill "
    + alias3(alias2(alias1(depth0, "grade", {"start":{"line":179,"column":143},"end":{"line":179,"column":148}} ), depth0))
    + "\" style=\"width: "
    + alias3(alias2(alias1(depth0, "percent", {"start":{"line":179,"column":168},"end":{"line":179,"column":175}} ), depth0))
    + "%\"></span></span></span>";
},"35":function(container,depth0,helpers,partials,data) {
    var lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "<span class=\"badge invalid\">"
    + container.escapeExpression(container.lambda(container.strict(lookupProperty(depth0,"error"), "status", {"start":{"line":179,"column":239},"end":{"line":179,"column":251}} ), depth0))
    + "</span>";
},"36":function(container,depth0,helpers,partials,data) {
    var lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return container.escapeExpression(container.lambda(container.strict(lookupProperty(depth0,"error"), "message", {"start":{"line":180,"column":43},"end":{"line":180,"column":56}} ), depth0));
},"37":function(container,depth0,helpers,partials,data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return ((stack1 = lookupProperty(helpers,"if").call(depth0 != null ? depth0 : (container.nullContext || {}),lookupProperty(depth0,"error"),{"name":"if","hash":{},"fn":container.program(38, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":180,"column":78},"end":{"line":180,"column":99}}})) != null ? stack1 : "")
    + "<span class=\"mono students\">"
    + container.escapeExpression(container.lambda(container.strict(depth0, "flags", {"start":{"line":180,"column":129},"end":{"line":180,"column":134}} ), depth0))
    + "</span>";
},"38":function(container,depth0,helpers,partials,data) {
    return " ";
},"39":function(container,depth0,helpers,partials,data) {
    return "  <p class=\"none\">no submissions</p>\n";
},"compiler":[8,">= 4.3.0"],"main":function(container,depth0,helpers,partials,data) {
    var stack1, alias1=container.strict, alias2=container.lambda, alias3=container.escapeExpression, alias4=depth0 != null ? depth0 : (container.nullContext || {}), lookupProperty = container.lookupProperty || function(parent, propertyName) {
        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
          return parent[propertyName];
        }
        return undefined
    };

  return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"nngrade\">\n<title>"
    + alias3(alias2(alias1(depth0, "title", {"start":{"line":8,"column":9},"end":{"line":8,"column":14}} ), depth0))
    + " · class summary</title>\n<style>\n"
    + ((stack1 = container.invokePartial(lookupProperty(partials,"styles"),depth0,{"name":"styles","data":data,"helpers":helpers,"partials":partials,"decorators":container.decorators})) != null ? stack1 : "")
    + ".summary-stats { display: flex; flex-wrap: wrap; gap: 8px 28px; margin-top: 14px; }\n.summary-stats div { min-width: 90px; }\n.summary-stats dt { font-size: 0.72rem; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); }\n.summary-stats dd { margin: 0; font-size: 1.35rem; font-weight: 650; font-variant-numeric: tabular-nums; }\n.summary-section { margin-top: 20px; background: var(--card); border: 1px solid var(--border); border-radius: 8px; }\n.summary-section > h2 { padding: 14px 20px; border-bottom: 1px solid var(--border); }\n.summary-section > .plot-figure, .summary-section > p { padding: 12px 20px; }\n.rate-bar { width: 160px; }\n.statuses { display: flex; flex-wrap: wrap; gap: 4px 10px; font-size: 0.8rem; color: var(--muted); }\n.students { font-size: 0.85rem; overflow-wrap: anywhere; }\n.narrow { width: 1%; }\n.sections { margin-top: 16px; display: flex; flex-wrap: wrap; gap: 4px 18px; font-size: 0.9rem; }\n.sections a, .student-link { color: #0b4f8a; }\n.score-cell { display: flex; align-items: center; gap: 10px; }\n.score-cell .bar { width: 100px; }\n/* a name or an id may be one word of 200 letters: it wraps anywhere, in a column of at most 20rem, as the student report's header\n   wraps it, rather than widen the table past its card and push the scores out of sight */\n.cell-text { display: block; min-width: 9rem; max-width: 20rem; overflow-wrap: anywhere; }\n/* what went wrong, a flag: a message may quote a long file name */\n.notes { min-width: 12rem; overflow-wrap: anywhere; }\n</style>\n</head>\n<body>\n<main class=\"page\">\n<header class=\"report-header\">\n  <div class=\"header-main\">\n    <p class=\"eyebrow\">nngrade class summary</p>\n    <h1>"
    + alias3(alias2(alias1(depth0, "title", {"start":{"line":38,"column":10},"end":{"line":38,"column":15}} ), depth0))
    + "</h1>\n    "
    + ((stack1 = lookupProperty(helpers,"if").call(alias4,lookupProperty(depth0,"assignments"),{"name":"if","hash":{},"fn":container.program(0, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":39,"column":4},"end":{"line":39,"column":79}}})) != null ? stack1 : "")
    + "\n    <dl class=\"summary-stats\">\n      <div><dt>submissions</dt><dd class=\"stat-count\">"
    + alias3(alias2(alias1(depth0, "count", {"start":{"line":42,"column":56},"end":{"line":42,"column":61}} ), depth0))
    + "</dd></div>\n      <div><dt>with a score</dt><dd class=\"stat-graded\">"
    + alias3(alias2(alias1(depth0, "graded", {"start":{"line":43,"column":58},"end":{"line":43,"column":64}} ), depth0))
    + "</dd></div>\n      <div><dt>broken</dt><dd class=\"stat-broken\">"
    + alias3(alias2(alias1(depth0, "broken", {"start":{"line":44,"column":52},"end":{"line":44,"column":58}} ), depth0))
    + "</dd></div>\n"
    + ((stack1 = lookupProperty(helpers,"if").call(alias4,lookupProperty(depth0,"score"),{"name":"if","hash":{},"fn":container.program(1, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":45,"column":6},"end":{"line":50,"column":13}}})) != null ? stack1 : "")
    + "      "
    + ((stack1 = lookupProperty(helpers,"if").call(alias4,lookupProperty(depth0,"maxScore"),{"name":"if","hash":{},"fn":container.program(2, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":51,"column":6},"end":{"line":51,"column":99}}})) != null ? stack1 : "")
    + "\n    </dl>\n  </div>\n"
    + ((stack1 = lookupProperty(helpers,"if").call(alias4,lookupProperty(depth0,"meanPercent"),{"name":"if","hash":{},"fn":container.program(3, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":54,"column":2},"end":{"line":58,"column":9}}})) != null ? stack1 : "")
    + "</header>\n\n<nav class=\"sections\" aria-label=\"sections\">\n  <a href=\"#students\">students</a>"
    + ((stack1 = lookupProperty(helpers,"if").call(alias4,lookupProperty(lookupProperty(depth0,"tasks"),"length"),{"name":"if","hash":{},"fn":container.program(4, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":62,"column":34},"end":{"line":62,"column":88}}})) != null ? stack1 : "")
    + ((stack1 = lookupProperty(helpers,"if").call(alias4,lookupProperty(lookupProperty(depth0,"items"),"length"),{"name":"if","hash":{},"fn":container.program(5, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":62,"column":88},"end":{"line":62,"column":155}}})) != null ? stack1 : "")
    + " <a href=\"#diagnoses\">diagnoses</a> <a href=\"#flagged\">flagged</a> <a href=\"#shared\">identical wrong answers</a>\n</nav>\n\n"
    + ((stack1 = lookupProperty(helpers,"if").call(alias4,lookupProperty(depth0,"histogram"),{"name":"if","hash":{},"fn":container.program(6, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":65,"column":0},"end":{"line":70,"column":7}}})) != null ? stack1 : "")
    + "\n"
    + ((stack1 = lookupProperty(helpers,"if").call(alias4,lookupProperty(lookupProperty(depth0,"tasks"),"length"),{"name":"if","hash":{},"fn":container.program(7, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":72,"column":0},"end":{"line":86,"column":7}}})) != null ? stack1 : "")
    + "\n"
    + ((stack1 = lookupProperty(helpers,"if").call(alias4,lookupProperty(lookupProperty(depth0,"items"),"length"),{"name":"if","hash":{},"fn":container.program(9, data, 0),"inverse":container.noop,"data":data,"loc":{"start":{"line":88,"column":0},"end":{"line":103,"column":7}}})) != null ? stack1 : "")
    + "\n<section class=\"summary-section\" id=\"diagnoses\">\n  <h2>most common diagnoses</h2>\n"
    + ((stack1 = lookupProperty(helpers,"if").call(alias4,lookupProperty(lookupProperty(depth0,"diagnoses"),"length"),{"name":"if","hash":{},"fn":container.program(12, data, 0),"inverse":container.program(15, data, 0),"data":data,"loc":{"start":{"line":107,"column":2},"end":{"line":121,"column":9}}})) != null ? stack1 : "")
    + "</section>\n\n<section class=\"summary-section\" id=\"flagged\">\n  <h2>flagged submissions</h2>\n"
    + ((stack1 = lookupProperty(helpers,"if").call(alias4,lookupProperty(lookupProperty(depth0,"flagged"),"length"),{"name":"if","hash":{},"fn":container.program(16, data, 0),"inverse":container.program(25, data, 0),"data":data,"loc":{"start":{"line":126,"column":2},"end":{"line":146,"column":9}}})) != null ? stack1 : "")
    + "</section>\n\n<section class=\"summary-section\" id=\"shared\">\n  <h2>identical wrong answers</h2>\n"
    + ((stack1 = lookupProperty(helpers,"if").call(alias4,lookupProperty(lookupProperty(depth0,"shared"),"length"),{"name":"if","hash":{},"fn":container.program(26, data, 0),"inverse":container.program(28, data, 0),"data":data,"loc":{"start":{"line":151,"column":2},"end":{"line":164,"column":9}}})) != null ? stack1 : "")
    + "</section>\n\n<section class=\"summary-section\" id=\"students\">\n  <h2>students</h2>\n"
    + ((stack1 = lookupProperty(helpers,"if").call(alias4,lookupProperty(lookupProperty(depth0,"students"),"length"),{"name":"if","hash":{},"fn":container.program(29, data, 0),"inverse":container.program(39, data, 0),"data":data,"loc":{"start":{"line":169,"column":2},"end":{"line":188,"column":9}}})) != null ? stack1 : "")
    + "</section>\n\n<footer class=\"report-footer\">\n  <p>"
    + alias3(alias2(alias1(depth0, "schema", {"start":{"line":192,"column":7},"end":{"line":192,"column":13}} ), depth0))
    + "</p>\n</footer>\n</main>\n</body>\n</html>\n";
},"usePartial":true,"useData":true},
};
