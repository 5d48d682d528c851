import { contextBridge, ipcRenderer } from 'electron';
import { DESK_HOST_GLOBAL } from '@shared/host/hostChannelNames';
import { createDeskHostBridge } from './deskHostBridge';

// The page sees window.deskHost and nothing else from Electron.
contextBridge.exposeInMainWorld(DESK_HOST_GLOBAL, createDeskHostBridge(ipcRenderer));
