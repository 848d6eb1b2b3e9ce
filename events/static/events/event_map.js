/* The public index's map: the events of the page (a GeoJSON FeatureCollection in #event-map-data) as
 * circle markers over the Natural Earth country outlines, drawn by Leaflet from files this site serves.
 * No tile layer and no other host: it works offline and under the Content-Security-Policy (a script
 * file, no inline script, no eval). When the outlines are drawn, #event-map gets data-ready="true". */
(function () {
  "use strict";

  var element = document.getElementById("event-map");
  var data = document.getElementById("event-map-data");
  if (!element || !data || !window.L || !window.topojson) {
    return;
  }
  var events = JSON.parse(data.textContent);

  var map = L.map(element, { minZoom: 1, maxZoom: 8, zoomSnap: 0.5, worldCopyJump: true });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Country outlines: Natural Earth");
  map.setView([25, 20], 1.5);

  function popup(feature) {
    var properties = feature.properties;
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = properties.url;
    link.textContent = properties.title;
    box.appendChild(link);
    var details = document.createElement("div");
    details.textContent = [properties.dates, properties.place].filter(Boolean).join(" · ");
    box.appendChild(details);
    return box;
  }

  var markers = L.geoJSON(events, {
    pointToLayer: function (feature, latlng) {
      return L.circleMarker(latlng, {
        radius: 7,
        weight: 2,
        color: "#7a1f1f",
        fillColor: "#e03131",
        fillOpacity: 0.85,
        className: "event-marker",
      });
    },
    onEachFeature: function (feature, layer) {
      layer.bindPopup(function () { return popup(feature); });
      layer.bindTooltip(feature.properties.title);
    },
  }).addTo(map);

  if (markers.getLayers().length) {
    map.fitBounds(markers.getBounds(), { maxZoom: 5, padding: [40, 40] });
  }

  fetch(element.dataset.outlines)
    .then(function (response) {
      if (!response.ok) {
        throw new Error("country outlines: HTTP " + response.status);
      }
      return response.json();
    })
    .then(function (world) {
      L.geoJSON(topojson.feature(world, world.objects.countries), {
        interactive: false,
        style: { color: "#8a96a3", weight: 0.6, fillColor: "#f8f6ef", fillOpacity: 1, className: "country" },
      }).addTo(map);
      markers.bringToFront();
      element.dataset.ready = "true";
    })
    .catch(function (error) {
      element.dataset.ready = "failed";
      console.error(error);
    });
})();
