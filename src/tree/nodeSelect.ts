/** The node fields the tree shows (row and tooltip): node lists ask the service for these only ($select). */
export const NODE_SELECT = 'id,state,vmSize,isDedicated,ipAddress,errors,stateTransitionTime,schedulingState,startTaskInfo';
