import type { Update } from 'telegraf/types';
import { readUpdate, type BotIdentity } from '../../../src/channels/telegram/read-update';

const bot: BotIdentity = { id: 7000000001, username: 'MotcuaTestBot' };
const user = { id: 42, is_bot: false, first_name: 'Lan' };
const privateChat = { id: 42, type: 'private', first_name: 'Lan' };
const group = { id: -100123, type: 'supergroup', title: 'Tổ dân phố' };

function message(chat: object, fields: object, from: object = user): Update {
  return { update_id: 1, message: { message_id: 5, date: 1, chat, from, ...fields } } as unknown as Update;
}

describe('reading a Telegram update', () => {
  it('takes text and commands of a private chat, without the bot name or a deep-link payload', () => {
    expect(readUpdate(message(privateChat, { text: 'sổ đỏ' }), null)).toEqual({
      kind: 'text',
      chatId: '42',
      text: 'sổ đỏ',
    });
    expect(readUpdate(message(privateChat, { text: '/start@MotcuaTestBot' }), bot)).toMatchObject({
      text: '/start@MotcuaTestBot',
    });
    expect(readUpdate(message(privateChat, { text: '/start ref-portal' }), bot)).toMatchObject({
      text: '/start',
    });
  });

  it('answers anything else of a private chat with "text only": stickers, photos, voice, files, edits', () => {
    for (const fields of [{ sticker: {} }, { photo: [] }, { voice: {} }, { document: {} }, { location: {} }])
      expect(readUpdate(message(privateChat, fields), bot)).toEqual({ kind: 'not_text', chatId: '42' });
    const edited = {
      update_id: 2,
      edited_message: { message_id: 5, date: 1, edit_date: 2, chat: privateChat, from: user, text: 'x' },
    };
    expect(readUpdate(edited as unknown as Update, bot)).toEqual({ kind: 'not_text', chatId: '42' });
  });

  it('reads a button press, and only answers a query with no chat or no data', () => {
    const press = (data?: string, withMessage = true) =>
      ({
        update_id: 3,
        callback_query: {
          id: 'q1',
          from: user,
          chat_instance: '1',
          ...(data !== undefined ? { data } : {}),
          ...(withMessage
            ? { message: { message_id: 9, date: 1, chat: privateChat, text: 'x' } }
            : { inline_message_id: 'i' }),
        },
      }) as unknown as Update;
    expect(readUpdate(press('Xk2.3'), bot)).toEqual({
      kind: 'action',
      chatId: '42',
      action: 'Xk2.3',
      queryId: 'q1',
    });
    expect(readUpdate(press(undefined), bot)).toEqual({ kind: 'answer_only', queryId: 'q1' });
    expect(readUpdate(press('a', false), bot)).toEqual({ kind: 'answer_only', queryId: 'q1' });
  });

  it('in a group reads only what addresses the bot', () => {
    const read = (fields: object) => readUpdate(message(group, fields), bot);
    expect(read({ text: 'ai đi nộp hồ sơ không' })).toMatchObject({ kind: 'ignore' });
    expect(read({ sticker: {} })).toMatchObject({ kind: 'ignore' });
    expect(read({ text: '/help@OtherBot' })).toMatchObject({ kind: 'ignore' });
    expect(read({ text: '/help@MotcuaTestBot' })).toEqual({
      kind: 'text',
      chatId: '-100123',
      text: '/help@MotcuaTestBot',
    });
    expect(read({ text: '/menu' })).toMatchObject({ kind: 'text', text: '/menu' });
    expect(read({ text: '@motcuatestbot giờ làm việc?' })).toMatchObject({
      kind: 'text',
      text: 'giờ làm việc?',
    });
    expect(
      read({
        text: 'còn lệ phí?',
        reply_to_message: {
          message_id: 1,
          date: 1,
          chat: group,
          from: { id: bot.id, is_bot: true, first_name: 'B' },
        },
      }),
    ).toMatchObject({
      kind: 'text',
      text: 'còn lệ phí?',
    });
    // Without the bot's identity (getMe failed) a group cannot be read safely.
    expect(readUpdate(message(group, { text: '/help@MotcuaTestBot' }), null)).toMatchObject({
      kind: 'ignore',
    });
  });

  it('ignores other bots and update types it did not ask for', () => {
    expect(
      readUpdate(message(privateChat, { text: 'x' }, { id: 9, is_bot: true, first_name: 'B' }), bot),
    ).toMatchObject({ kind: 'ignore' });
    expect(
      readUpdate(
        {
          update_id: 4,
          channel_post: { message_id: 1, date: 1, chat: { id: -1, type: 'channel' }, text: 'x' },
        } as unknown as Update,
        bot,
      ),
    ).toMatchObject({ kind: 'ignore' });
  });
});
