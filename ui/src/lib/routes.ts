// Screens are addressed as `#/screen/param`, so the back button and reloads work.

export type Route =
  | { screen: "home" }
  | { screen: "calendar" }
  | { screen: "meeting"; id: string }
  | { screen: "hold"; id: string }
  | { screen: "resolutions" }
  | { screen: "tasks" }
  | { screen: "documents" }
  | { screen: "document"; id: string }
  | { screen: "notices" }
  | { screen: "notice"; id: string }
  | { screen: "activity" }
  | { screen: "sync" }
  | { screen: "members" }
  | { screen: "member"; id: string }
  | { screen: "dashboard" }
  | { screen: "dashboard-cell"; id: string }
  | { screen: "admin" }
  | { screen: "settings" };

export function parseRoute(hash: string): Route {
  const [screen, id] = hash.replace(/^#\/?/, "").split("/");
  switch (screen) {
    case "calendar":
    case "resolutions":
    case "tasks":
    case "documents":
    case "notices":
    case "activity":
    case "sync":
    case "members":
    case "dashboard":
    case "admin":
    case "settings":
      if (screen === "documents" && id) return { screen: "document", id };
      if (screen === "notices" && id) return { screen: "notice", id };
      if (screen === "dashboard" && id) return { screen: "dashboard-cell", id };
      if (screen === "members" && id) return { screen: "member", id };
      return { screen };
    case "meeting":
      return id ? { screen: "meeting", id } : { screen: "calendar" };
    case "hold":
      return id ? { screen: "hold", id } : { screen: "calendar" };
    default:
      return { screen: "home" };
  }
}

export function href(route: Route): string {
  switch (route.screen) {
    case "meeting":
      return `#/meeting/${route.id}`;
    case "hold":
      return `#/hold/${route.id}`;
    case "document":
      return `#/documents/${route.id}`;
    case "notice":
      return `#/notices/${route.id}`;
    case "dashboard-cell":
      return `#/dashboard/${route.id}`;
    case "member":
      return `#/members/${route.id}`;
    default:
      return `#/${route.screen}`;
  }
}

