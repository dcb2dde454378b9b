package dev.gatehouse.audit.note;

/** A note, key or checkpoint that is malformed or does not verify; the message says which. */
public final class NoteException extends Exception {
  private static final long serialVersionUID = 1L;

  public NoteException(String message) {
    super(message);
  }

  public NoteException(String message, Throwable cause) {
    super(message, cause);
  }
}
