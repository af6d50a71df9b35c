import { displayToken, reportUnauthorized } from '../api/credentials';
import { accessOfHandshake } from '../api/http';
import { useSessionStore } from '../stores/session.store';
import { type IocSocket, stopSocket } from './socket';

/**
 * The socket's answers about access. A wall screen whose display token is revoked (`access:revoked`, or a handshake
 * refused with `access: 'display_revoked'`) closes its socket for good and shows the revoked notice, instead of
 * reconnecting in a loop against a server that will keep refusing. A user disabled while signed in is sent to sign in.
 */
export function bindAccess(socket: IocSocket): () => void {
  const session = useSessionStore();

  const refuse = (): void => {
    stopSocket();
    if (displayToken() !== null || session.principal.kind === 'display') session.markRevoked();
    else {
      session.forget();
      reportUnauthorized('socket');
    }
  };
  const onRevoked = (): void => refuse();
  const onConnectError = (error: Error): void => {
    if (accessOfHandshake(error) === 'display_revoked') refuse();
  };

  socket.on('access:revoked', onRevoked);
  socket.on('connect_error', onConnectError);
  return () => {
    socket.off('access:revoked', onRevoked);
    socket.off('connect_error', onConnectError);
  };
}
