// Field worklist: sort by distance from the device's location (the browser asks permission).
const link = document.querySelector("[data-locate]");
if (link && navigator.geolocation) {
  link.addEventListener("click", (event) => {
    event.preventDefault();
    navigator.geolocation.getCurrentPosition((position) => {
      const url = new URL(window.location.href);
      url.searchParams.set("lat", position.coords.latitude.toFixed(6));
      url.searchParams.set("lon", position.coords.longitude.toFixed(6));
      window.location.assign(url.toString());
    });
  });
}
