import { createContext, useContext } from 'react';

export type Workspace = 'officer' | 'supervisor' | 'admin';
export const WorkspaceContext = createContext<Workspace>('officer');

/** The URL prefix of the current staff workspace, for links between registry pages. */
export const useWorkspaceBase = (): string => `/${useContext(WorkspaceContext)}`;
