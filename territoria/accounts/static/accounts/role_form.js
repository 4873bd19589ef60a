// Progressive enhancement: show the "organisation" field only when the chosen role is
// "local actor". Without JavaScript the field stays visible and its help text explains it.
(function () {
  const role = document.getElementById("id_role");
  const organisation = document.getElementById("id_organisation");
  if (!role || !organisation) {
    return;
  }
  const field = organisation.closest(".field");
  const update = () => {
    field.hidden = role.value !== "local_actor";
  };
  role.addEventListener("change", update);
  update();
})();
