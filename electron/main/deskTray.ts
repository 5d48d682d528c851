import { Menu, Tray, nativeImage, type MenuItemConstructorOptions } from 'electron';

export interface DeskTray {
  /** Shows how many follow-ups are due (0 clears it). */
  setDueCount(count: number): void;
  destroy(): void;
}

export interface DeskTrayOptions {
  iconPath: string;
  openWindow: () => void;
  quit: () => void;
}

/** "3 due", or undefined when nothing is due. */
export function dueLabel(count: number): string | undefined {
  return count > 0 ? `${count} due` : undefined;
}

/** The tray menu: the due count (informational), then Open and Quit. */
export function trayMenuTemplate(count: number, actions: Pick<DeskTrayOptions, 'openWindow' | 'quit'>): MenuItemConstructorOptions[] {
  const due = dueLabel(count);
  return [
    ...(due ? [{ label: due, enabled: false }, { type: 'separator' as const }] : []),
    { label: 'Open Desk Diary', click: () => actions.openWindow() },
    { type: 'separator' },
    { label: 'Quit', click: () => actions.quit() },
  ];
}

/** The tray icon that stays while the window is hidden, so reminders keep a visible owner. */
export function createDeskTray(options: DeskTrayOptions): DeskTray {
  const tray = new Tray(nativeImage.createFromPath(options.iconPath));
  const render = (count: number): void => {
    const due = dueLabel(count);
    tray.setToolTip(due ? `Desk Diary — ${due}` : 'Desk Diary');
    // The title is the text beside the icon in the macOS menu bar; other platforms ignore it.
    tray.setTitle(due ?? '');
    // Linux app indicators only pick up a changed menu when it is set again.
    tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(count, options)));
  };
  tray.on('click', () => options.openWindow());
  render(0);
  return { setDueCount: render, destroy: () => tray.destroy() };
}
