/**
 * Text from a service (error messages, node errors, names) shown in a VS Code notification. Notifications turn
 * `[label](command:…)`, `[label](https://…)` and `[label](file:…)` into links that run or open on a click, so service
 * text could plant a link that runs a command. This breaks every "](" so that no link can form, and keeps the text
 * readable ("] ("). Apply it once, to the whole text, where it is handed to showErrorMessage & co. Pure.
 */
export function notificationText(text: string): string {
  return text.replace(/\]\s*\(/g, '] (');
}
